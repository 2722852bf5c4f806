#!/usr/bin/env python3
"""Reads an adversarial export of `lat attack` with nothing but the standard library and checks it
independently of the Java code: IDX headers, shapes, value ranges, and that only the pixels the
attack may change have changed, by at most epsilon.

    check_export.py DIR ATTACK EPSILON [DIGIT_THRESHOLD] [BACKGROUND_BLOCK]

Exit status 0 when every check passes, 1 otherwise (the first failure is printed).
"""
import array
import struct
import sys

TYPES = {0x08: ("B", 1), 0x0D: ("f", 4)}


def read_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    zero, type_code, ndims = struct.unpack(">HBB", data[:4])
    if zero != 0 or type_code not in TYPES:
        raise SystemExit(f"{path}: bad IDX magic {data[:4].hex()}")
    dims = struct.unpack(f">{ndims}I", data[4:4 + 4 * ndims])
    code, size = TYPES[type_code]
    values = array.array(code)
    values.frombytes(data[4 + 4 * ndims:])
    if sys.byteorder == "little" and size > 1:
        values.byteswap()  # IDX is big-endian
    count = 1
    for d in dims:
        count *= d
    if len(values) != count:
        raise SystemExit(f"{path}: header says {count} values, file holds {len(values)}")
    return type_code, dims, values


def changeable(attack, image, threshold, block):
    """The mask of docs/design.md, written from its definitions: True where the attack may change a pixel."""
    digit = [v > threshold for v in image]
    if attack == "standard":
        return [True] * 784
    if attack == "background":
        lo = (28 - block) // 2
        return [not (lo <= r < lo + block and lo <= c < lo + block) for r in range(28) for c in range(28)]
    if attack == "exact-mask":
        return [not d for d in digit]
    if attack == "broad-mask":
        def near_digit(r, c):
            return any(digit[rr * 28 + cc] for rr in range(max(0, r - 1), min(28, r + 2))
                       for cc in range(max(0, c - 1), min(28, c + 2)))
        return [not near_digit(r, c) for r in range(28) for c in range(28)]
    raise SystemExit(f"unknown attack {attack}")


def main():
    directory, attack, epsilon = sys.argv[1], sys.argv[2], float(sys.argv[3])
    threshold = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
    block = int(sys.argv[5]) if len(sys.argv) > 5 else 6
    t_adv, d_adv, adv = read_idx(f"{directory}/adversarial-images-idx3-float32")
    t_clean, d_clean, clean = read_idx(f"{directory}/clean-images-idx3-float32")
    t_lab, d_lab, labels = read_idx(f"{directory}/labels-idx1-ubyte")
    n = d_adv[0]
    assert t_adv == 0x0D and t_clean == 0x0D and t_lab == 0x08, "types: float32 images, ubyte labels"
    assert d_adv == (n, 28, 28) and d_clean == (n, 28, 28) and d_lab == (n,), f"shapes {d_adv} {d_clean} {d_lab}"
    assert all(0 <= v <= 9 for v in labels), "labels are digits"
    changed = 0
    largest = 0.0
    for i in range(n):
        image = clean[i * 784:(i + 1) * 784]
        crafted = adv[i * 784:(i + 1) * 784]
        mask = changeable(attack, image, threshold, block)
        for p in range(784):
            x, a = image[p], crafted[p]
            if not (0.0 <= a <= 1.0 and 0.0 <= x <= 1.0):
                raise SystemExit(f"image {i} pixel {p}: value {a} outside [0, 1]")
            delta = abs(a - x)
            if not mask[p] and a != x:
                raise SystemExit(f"image {i} pixel {p}: {attack} may not change it, but {x} became {a}")
            if delta > epsilon + 1e-6:
                raise SystemExit(f"image {i} pixel {p}: moved {delta} > epsilon {epsilon}")
            changed += a != x
            largest = max(largest, delta)
    if changed == 0:
        raise SystemExit("no pixel changed")
    print(f"OK {attack}: {n} images, {changed} pixels changed, largest change {largest:.4f} <= {epsilon}")


if __name__ == "__main__":
    main()
