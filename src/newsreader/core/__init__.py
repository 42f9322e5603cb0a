"""The pure core: loading, matching, search and storage. It never imports Textual."""
