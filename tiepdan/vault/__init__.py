"""The privacy module: the denouncer's seal, below every app that holds people
(docs/architecture.md). Callers import `tiepdan.vault.vault`."""
