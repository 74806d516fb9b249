#!/usr/bin/env python3
"""Printed variants the corpus does not hold, made from it: how general the mapping is.

usage: bench/perturb_corpus.py labels|columns OUT SEED

`labels`: in each dev-*/var-* .txt and .html, label cells are replaced, each with probability
1/2, by a synonym the contract (shared/docs/record-format.md, "Variants of the printed form")
allows — funds headers and rows, goal labels, indicator headers, "(NN分)" and "等" suffixes,
colons — and the title by another title of the kind; the gold follows (`title`).
`columns` (.txt only): the value columns of the funds and indicator tables are shuffled, header
and rows alike; a table with a row that does not have the header's cell count (an OCR-shifted
row) is left as printed, since shuffling it would change what it says.

Writes OUT/<stem><kind><SEED>.<ext> and OUT/gold/<that stem>/NN.json; score with
`formpipe convert OUT/*.txt OUT/*.html --out X && bench/gold_score.py X OUT OUT/*.txt OUT/*.html`.
"""
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "Tests/FormPipeTests/Fixtures"
SOURCES = [ROOT / "corpus", ROOT / "variants"]

SYNONYMS = [
    ("年初预算数", ["年初预算"]),
    ("全年预算数", ["调整预算数", "调整后预算数", "全年预算数（A）"]),
    ("全年执行数", ["预算执行数", "全年执行数（B）"]),
    ("执行率", ["预算执行率", "执行率（B/A）"]),
    ("年度资金总额", ["资金总额", "总额", "年度资金总额："]),
    ("其中：当年财政拨款", ["其中:本年财政拨款", "其中：财政拨款", "财政资金", "其中：财政资金"]),
    ("其中:当年财政拨款", ["本年财政拨款", "其中：财政拨款"]),
    ("上年结转资金", ["上年结转资金："]),
    ("预期目标", ["年初设定目标", "项目年度目标"]),
    ("实际完成情况", ["年度总体目标完成情况综述", "年度目标完成情况"]),
    ("实际完成值", ["全年实际值"]),
    ("偏差原因分析及改进措施", ["未完成原因及拟采取的改进措施", "未完成原因分析"]),
    ("产出指标", ["产出指标（50分）", "产出指标(50分)"]),
    ("效益指标", ["效益指标（30分）", "效益指标(30分)"]),
    ("满意度指标", ["满意度指标（10分）"]),
    ("服务对象满意度指标", ["服务对象满意度指标等"]),
    ("主管部门", ["主管部门："]),
    ("实施单位", ["实施单位："]),
    ("项目名称", ["项目名称："]),
]
TITLES = ["部门预算项目支出绩效自评表", "财政项目支出绩效自评表", "绩效目标自评表"]
PLAIN_TITLE = "项目支出绩效自评表"


def replace_cell(text, old, new, html):
    if html:
        pattern = r"(<t[dh][^>]*>)\s*" + re.escape(old) + r"\s*(</t[dh]>)"
        return re.sub(pattern, lambda m: m.group(1) + new + m.group(2), text)
    return re.sub(r"(^|\t)" + re.escape(old) + r"(?=\t|$)", lambda m: m.group(1) + new, text, flags=re.M)


def labels(text, html, rnd):
    for old, alternatives in SYNONYMS:
        if rnd.random() < 0.5:
            text = replace_cell(text, old, rnd.choice(alternatives), html)
    title = None
    if rnd.random() < 0.5:
        title = rnd.choice(TITLES)
        text = re.sub(r"(?<![算政])" + PLAIN_TITLE, title, text)
    return text, title


def compact(text):
    return re.sub(r"\s", "", text)


def columns(text, rnd):
    lines = text.split("\n")
    out = list(lines)
    i = 0
    while i < len(lines):
        cells = [compact(c) for c in lines[i].split("\t")]
        if any("三级指标" in c for c in cells):
            kind, start = "indicators", next(k for k, c in enumerate(cells) if "三级指标" in c) + 1
        elif any(c.startswith("执行率") or c == "得分" for c in cells) and any("预算" in c for c in cells):
            kind, start = "funds", next(k for k, c in enumerate(cells) if "预算" in c)
        else:
            i += 1
            continue
        end = len(cells)
        while end > start and cells[end - 1] == "":
            end -= 1
        order = list(range(start, end))
        shuffled = order[:]
        rnd.shuffle(shuffled)

        def shuffle(line):
            row = line.split("\t")
            moved = row[:]
            for target, source in zip(order, shuffled):
                moved[target] = row[source]
            return "\t".join(moved)

        staged, aligned, j = {i: shuffle(lines[i])}, True, i + 1
        while j < len(lines):
            row = [compact(c) for c in lines[j].split("\t")]
            if lines[j].strip():
                ends = kind == "funds" and any(x in "".join(row) for x in ("年度总体目标", "预期目标", "绩效指标"))
                if ends:
                    break
                if len(row) == len(cells):
                    staged[j] = shuffle(lines[j])
                else:
                    aligned = False
                if kind == "indicators" and any(c.startswith("总分") for c in row):
                    break
            j += 1
        if aligned:
            for index, line in staged.items():
                out[index] = line
        i = j
    return "\n".join(out)


def main(mode, out, seed):
    rnd = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for source in SOURCES:
        files = sorted(source.glob("*-??.txt")) + ([] if mode == "columns" else sorted(source.glob("*-??.html")))
        for path in files:
            stem = path.name.split(".")[0]
            text = path.read_text("utf-8")
            title = None
            if mode == "labels":
                text, title = labels(text, path.suffix == ".html", rnd)
            else:
                text = columns(text, rnd)
            new_stem = f"{stem}{path.suffix[1]}{seed}"
            (out / f"{new_stem}{path.suffix}").write_text(text, "utf-8")
            gold_dir = out / "gold" / new_stem
            gold_dir.mkdir(parents=True, exist_ok=True)
            for gold_path in sorted((source / "gold" / stem).glob("[0-9][0-9].json")):
                gold = json.loads(gold_path.read_text("utf-8"))
                if title and gold.get("title") == PLAIN_TITLE:
                    gold["title"] = title
                (gold_dir / gold_path.name).write_text(json.dumps(gold, ensure_ascii=False), "utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("labels", "columns"):
        sys.exit(__doc__)
    main(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]))
