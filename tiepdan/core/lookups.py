"""Database lookups registered at start-up (kept tiny; search uses stored keys instead)."""
