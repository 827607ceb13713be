"""Audit action codes of the documents app."""

TEMPLATE_UPLOADED = "document_template.uploaded"
TEMPLATE_ACTIVATED = "document_template.activated"
TEMPLATE_DEACTIVATED = "document_template.deactivated"
