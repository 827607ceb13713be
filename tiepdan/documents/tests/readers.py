"""Read rendered documents back for assertions."""

import io

from docx import Document
from docx.table import Table


def _table_text(table: Table) -> list[str]:
    lines = []
    for row in table.rows:
        for cell in row.cells:
            lines.extend(p.text for p in cell.paragraphs)
            for inner in cell.tables:
                lines.extend(_table_text(inner))
    return lines


def docx_text(content: bytes) -> str:
    """All paragraph text of a DOCX, tables included, one paragraph per line."""
    document = Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines.extend(_table_text(table))
    return "\n".join(lines)


def docx_with_extra_paragraph(source: bytes, text: str) -> bytes:
    """A copy of `source` with one more paragraph at the end (an "edited" template)."""
    document = Document(io.BytesIO(source))
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
