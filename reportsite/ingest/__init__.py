"""The raw -> YAML pipeline: decode, clean (garble, reread, pinyin, script), chrome, structure, targets, ids, store."""
