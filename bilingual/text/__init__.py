"""Arabic text: named character sets, normalization with an offset map, proclitics, comparison keys,
sanitizing, sentence segmentation. Pure functions, no I/O."""
