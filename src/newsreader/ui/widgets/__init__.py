"""Widgets of the reader, each owning the messages it posts."""
