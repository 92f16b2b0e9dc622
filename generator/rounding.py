"""Rounding of shares: printed parts of one whole add up to exactly 100%."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, Decimal

_HUNDRED = Decimal(100)


def largest_remainder_percentages(values: Sequence[Decimal], decimals: int = 1) -> list[Decimal]:
    """Shares of ``values`` in percent, rounded so that they add up to exactly 100.

    Each share is first truncated to ``decimals`` places; the units still missing from 100 go,
    one each, to the shares with the largest truncated remainders (ties: earlier value first).
    Thus 1/1/1 gives 33.4/33.3/33.3. All-zero (or empty) input gives zeros. Negative values are
    rejected: a share of a total is undefined for them.
    """
    if decimals < 0:
        raise ValueError("decimals must be >= 0")
    amounts = [Decimal(v) for v in values]
    if any(v < 0 for v in amounts):
        raise ValueError("占比计算不支持负数金额")
    quantum = Decimal(1).scaleb(-decimals)
    total = sum(amounts, Decimal(0))
    if total == 0:
        return [Decimal(0).quantize(quantum) for _ in amounts]
    units_total = int(_HUNDRED.scaleb(decimals))  # 100.0 → 1000 units of 0.1
    exact = [v * units_total / total for v in amounts]
    floors = [int(e.to_integral_value(rounding=ROUND_DOWN)) for e in exact]
    missing = units_total - sum(floors)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:missing]:
        floors[i] += 1
    return [(Decimal(units) * quantum).quantize(quantum) for units in floors]
