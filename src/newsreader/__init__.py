"""newsreader: read the news across sources and see which passages outlets share."""

__version__ = "0.1.0"
