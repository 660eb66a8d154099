"""Write a deck's own document properties (core, app) and, for reproducible builds, zip times."""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from datetime import datetime, timezone
from xml.sax.saxutils import escape

from briefdeck import __version__
from briefdeck.model import Deck
from briefdeck.render.oxml import XML_HEAD, xml_text

PROPERTY_MAX = 255
"""The longest text python-pptx (and Office) keeps in a core property."""
_FORMATS = ((16, 9), (16, 10), (4, 3))
"""Slide proportions PowerPoint names in `PresentationFormat`."""
_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<TotalTime>0</TotalTime><Application>briefdeck</Application>"
    "<PresentationFormat>{format}</PresentationFormat><Paragraphs>{paragraphs}</Paragraphs>"
    "<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides>"
    "<MMClips>0</MMClips><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "<AppVersion>{version}</AppVersion></Properties>"
)


def build_time() -> datetime:
    """Return now in UTC, or the time `SOURCE_DATE_EPOCH` gives (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds = int(epoch) if epoch.isdigit() else time.time()
    return datetime.fromtimestamp(seconds, timezone.utc).replace(tzinfo=None, microsecond=0)


def core_xml(deck: Deck, author: str, when: datetime) -> bytes:
    """Return the deck's core properties part: title, subject, keywords, comments, language,
    author and times (as python-pptx wrote them)."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    values = (
        ("dc:title", _fit(deck.zone)),
        ("dc:subject", _fit(deck.info.subject)),
        ("cp:keywords", _fit("; ".join(deck.info.keywords))),
        ("dc:description", _fit(deck.info.description)),
        ("dc:language", deck.language.tag),
        ("dc:creator", author),
        ("cp:lastModifiedBy", author),
    )
    fields = "".join(f"<{tag}>{xml_text(value)}</{tag}>" for tag, value in values)
    times = "".join(
        f'<dcterms:{tag} xsi:type="dcterms:W3CDTF">{stamp}</dcterms:{tag}>'
        for tag in ("created", "modified")
    )
    end = "<cp:revision>1</cp:revision></cp:coreProperties>"
    return XML_HEAD + f"{_CORE}{fields}{times}{end}".encode()


_CORE = (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
)


def _fit(text: str) -> str:
    """Return `text` within the 255 characters a core property holds, cut after a separator
    (`…` marks the cut)."""
    if len(text) <= PROPERTY_MAX:
        return text
    head = text[: PROPERTY_MAX - 1]
    cut = max(head.rfind(sep) for sep in ("; ", "；", "，", " "))
    return (head[:cut] if cut > PROPERTY_MAX // 2 else head).rstrip("；;， ") + "…"


def app_xml(format: str, paragraphs: int, slides: int, notes: int) -> bytes:
    """Return app.xml counting the deck's slides, notes and paragraphs, naming its format."""
    major, minor = (int(n) for n in __version__.split(".")[:2])
    return _APP.format(
        format=escape(format),
        paragraphs=paragraphs,
        slides=slides,
        notes=notes,
        version=f"{major:02d}.{minor:04d}",
    ).encode()


def format_name(width: int, height: int) -> str:
    """Return PowerPoint's name for the slide size (`On-screen Show (16:9)`), else `Custom`."""
    for w, h in _FORMATS:
        if abs(width * h - height * w) <= width * h * 0.01:
            return f"On-screen Show ({w}:{h})"
    return "Custom"


def fixed_times(data: bytes, when: datetime) -> bytes:
    """Return the zip `data` with every entry stamped `when` (from 1980, zip's first year).

    Embedded workbooks (chart data) get the same treatment and their properties' times."""
    stamp = max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    w3c = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.endswith(".xlsx"):
                content = fixed_times(content, when)
            elif item.filename == "docProps/core.xml":
                content = _W3CDTF.sub(b">" + w3c + b"<", content)
            entry = zipfile.ZipInfo(item.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = item.external_attr
            target.writestr(entry, content)
    return out.getvalue()


_W3CDTF = re.compile(rb">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<")
