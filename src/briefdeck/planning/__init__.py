"""The planner's parts: text fitting, card and table sizing, and one builder per slide kind."""
