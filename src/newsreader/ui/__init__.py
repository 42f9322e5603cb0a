"""The thin Textual UI: it shows what the core computes and never computes it itself."""
