"""The raw -> YAML pipeline: decode, clean (garble, pinyin, script), chrome, structure, targets, ids, store."""
