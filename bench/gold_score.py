#!/usr/bin/env python3
"""Record field accuracy of formpipe's outputs against gold records, per file and in total.

usage: bench/gold_score.py OUTBOX CORPUS FILE... [--show N]

For each input FILE (e.g. var-03.pdf) the outputs are read from OUTBOX/<output folder>/form-NN.json,
the folder being found through each output folder's manifest.json `source`; the gold from
CORPUS/gold/<stem>/NN.json. The comparison is bench/accuracy.py's field_accuracy (the same rules
as Tests/FormPipeTests/Support/GoldComparison.swift).
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import _leaves, _same, _MISSING  # noqa: E402


def outputs_by_source(outbox: Path) -> dict:
    found = {}
    for manifest in outbox.glob("*/manifest.json"):
        try:
            source = json.loads(manifest.read_text("utf-8")).get("source")
        except Exception:
            continue
        found[source] = manifest.parent
    return found


def main(argv):
    show = 0
    if "--show" in argv:
        i = argv.index("--show")
        show = int(argv[i + 1])
        del argv[i:i + 2]
    outbox, corpus, files = Path(argv[0]), Path(argv[1]), argv[2:]
    folders = outputs_by_source(outbox)
    total_m = total_f = 0
    for name in files:
        name = Path(name).name
        stem = name.split(".")[0]
        gold_dir = corpus / "gold" / stem
        golds = sorted(gold_dir.glob("[0-9][0-9].json"))
        folder = folders.get(name)
        m = f = 0
        misses = []
        for g in golds:
            gold = json.loads(g.read_text("utf-8"))
            produced = None
            if folder is not None:
                p = folder / f"form-{g.stem}.json"
                if p.exists():
                    produced = json.loads(p.read_text("utf-8"))
            gl = _leaves(gold)
            pl = _leaves(produced) if produced is not None else {}
            keys = set(gl) | {k for k in pl if k.startswith("indicators[")}
            for k in sorted(keys):
                f += 1
                if _same(gl.get(k, _MISSING), pl.get(k, _MISSING), k):
                    m += 1
                else:
                    misses.append(f"  #{g.stem} {k}: gold {gl.get(k, '<missing>')!r} != {pl.get(k, '<missing>')!r}")
        total_m += m
        total_f += f
        print(f"{name:24} {m:5}/{f:<5} {100 * m / max(f, 1):6.2f}%{'' if folder else '  (no output)'}")
        for line in misses[:show]:
            print(line)
    print(f"{'TOTAL':24} {total_m:5}/{total_f:<5} {100 * total_m / max(total_f, 1):6.2f}%")


if __name__ == "__main__":
    main(sys.argv[1:])
