#!/usr/bin/env python3
"""Reference values for loupe-eval's TwoSampleKs and KolmogorovDistribution (python3, standard library only).

Independent of the Java code on purpose:
- D by brute force: both empirical cdfs evaluated at every value of either sample (O((n+m)^2)),
  as exact fractions (fractions.Fraction), not by a merge walk;
- Q(lambda) by the alternating series 2 sum_{k=1..2000} (-1)^(k-1) exp(-2 k^2 lambda^2) summed
  exactly with math.fsum (Java uses the Jacobi-theta form below lambda = 1.18);
- p = Q((sqrt(ne) + 0.12 + 0.11 / sqrt(ne)) * D), ne = n m / (n + m) (Stephens' effective-n
  correction; scipy.stats.ks_2samp(method="asymp") before scipy 1.5).
Run: python3 ks_reference.py > ks_reference.txt
"""
import math
import random
from fractions import Fraction


def q(lam):
    if lam <= 0:
        return 1.0
    return min(1.0, max(0.0, 2 * math.fsum((-1) ** (k - 1) * math.exp(-2 * k * k * lam * lam) for k in range(1, 2001))))


def ecdf(xs, t):
    return Fraction(sum(1 for x in xs if x <= t), len(xs))


def ks(a, b):
    d = max(abs(ecdf(a, t) - ecdf(b, t)) for t in a + b)
    n, m = len(a), len(b)
    ne = n * m / (n + m)
    s = math.sqrt(ne)
    return d, q((s + 0.12 + 0.11 / s) * float(d))


def cases():
    r = random.Random(20261128)
    yield "tiny-disjoint", [1.0, 2.0, 3.0], [4.0, 5.0]
    yield "tiny-interleaved", [1.0, 3.0, 5.0, 7.0], [2.0, 4.0, 6.0]
    yield "ties", [0.0, 1.0, 1.0, 1.0, 2.0, 2.0], [1.0, 1.0, 2.0, 3.0]
    yield "normal-shift", sorted(r.gauss(0, 1) for _ in range(60)), sorted(r.gauss(0.5, 1) for _ in range(45))
    yield "normal-scale", sorted(r.gauss(0, 1) for _ in range(120)), sorted(r.gauss(0, 2) for _ in range(80))
    yield "same-law", sorted(r.random() for _ in range(200)), sorted(r.random() for _ in range(150))
    yield "rounded-ties", sorted(round(r.gauss(3, 1), 1) for _ in range(90)), sorted(round(r.gauss(3.2, 1), 1) for _ in range(70))
    yield "one-each", [0.5], [0.25]


print("# case name; then lines a, b (values, repr), d (exact fraction), p")
for name, a, b in cases():
    d, p = ks(a, b)
    print("case " + name)
    print("a " + " ".join(repr(x) for x in a))
    print("b " + " ".join(repr(x) for x in b))
    print("d %d/%d" % (d.numerator, d.denominator))
    print("p " + repr(p))
print("# Q(lambda) of the Kolmogorov distribution")
for lam in [0.2, 0.35, 0.5, 0.8, 1.0, 1.1799, 1.18, 1.2, 1.36, 1.63, 2.0, 3.0]:
    print("q %r %r" % (lam, q(lam)))
