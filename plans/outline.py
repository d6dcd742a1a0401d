"""Outline labels in the house style of Chinese plan documents: 一、 （一） 1. （1） ①."""

DIGITS = "零一二三四五六七八九"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, for 1 to 99."""
    if not 0 < number < 100:
        raise ValueError(f"{number} is outside 1..99")
    tens, ones = divmod(number, 10)
    text = ("" if tens <= 1 else DIGITS[tens]) + ("十" if tens else "")
    return text + (DIGITS[ones] if ones else "")


def default_label(depth: int, number: int) -> str:
    """The label of the `number`-th item (from 1) at outline `depth` (from 0)."""
    if depth == 0:
        return f"{chinese_numeral(number)}、"
    if depth == 1:
        return f"（{chinese_numeral(number)}）"
    if depth == 2:
        return f"{number}."
    if depth == 3:
        return f"（{number}）"
    return CIRCLED[number - 1] if number <= len(CIRCLED) else f"{number})"
