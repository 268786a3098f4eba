"""YAML -> site: the pages, data files and search index built from content/ (see build.py for the passes in order)."""
