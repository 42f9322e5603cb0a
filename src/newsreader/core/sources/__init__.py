"""Readers that turn one input (a file's bytes) into articles, one module per kind of input."""
