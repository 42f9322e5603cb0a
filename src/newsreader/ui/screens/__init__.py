"""Screens of the reader: the main two-pane screen and the modal ones."""
