"""The results as Markdown: printed after a run and written to docs/benchmarks.md."""

from accuracy import __doc__ as ACCURACY_DEFINITIONS


def _pct(found, total):
    return f"{found}/{total} = {100 * found / total:.1f}%" if total else "—"


def throughput_table(result) -> list[str]:
    tools = result.tools
    reference = next(t for t in tools if t.tool == "pdftotext -layout")
    lines = [
        f"**{result.name}** — {result.files} files ({result.copies}× the {result.files // result.copies} "
        f"`dev-NN{result.suffix}` files), {result.pages} pages",
        "",
        "| tool | files | pages | wall s | CPU s | files/s | pages/s | time per file vs pdftotext | gold cell values intact | record fields right |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for t in tools:
        fields = _pct(t.matched_fields, t.fields) if t.fields else "—"
        # A run stopped at its time budget was killed before it could collect its workers' CPU time.
        cpu = "—" if "stopped" in t.note and t.tool.startswith("formpipe") else f"{t.cpu:.2f}"
        lines.append(
            f"| {t.tool} | {t.files} | {t.pages} | {t.wall:.2f} | {cpu} | {t.files_per_second:.1f} | "
            f"{t.pages_per_second:.1f} | {t.ratio_to(reference):.2f}× | {_pct(t.found, t.values)} | {fields} |")
    notes = [f"- {t.tool}: {t.note}" for t in tools if t.note]
    formpipe = tools[0]
    if formpipe.failed:
        notes.append(f"- formpipe convert: {formpipe.failed} of {formpipe.files} files failed (no form found, or another error on stderr); "
                     "their gold values count as not found")
    if formpipe.stage_ms and "stopped" not in formpipe.note:
        stages = ", ".join(f"{stage} {ms / formpipe.pages:.1f}" for stage, ms in formpipe.stage_ms.items())
        rest = (formpipe.cpu * 1000 - sum(formpipe.stage_ms.values())) / formpipe.pages
        notes.append(f"- formpipe stages, ms per page (manifest timings, summed over the workers): {stages}; "
                     f"CPU outside them {rest:.1f} (publishing: review page and crops, fsync; process start, "
                     "outbox index)")
    return lines + ([""] + notes if notes else [])


def latency_lines(latency) -> list[str]:
    ms = latency.milliseconds
    if not ms:
        return [f"No drop came out within 60 s ({latency.lost} lost)."]
    return [
        "| drops | settle | p50 beyond settle | p95 beyond settle | min | max | lost |",
        "|--:|--:|--:|--:|--:|--:|--:|",
        f"| {len(ms)} | {latency.settle * 1000:.0f} ms | {latency.p50:.1f} ms | {latency.p95:.1f} ms | "
        f"{min(ms):.1f} ms | {max(ms):.1f} ms | {latency.lost} |",
    ]


def rss_flat(intervals, attribute) -> tuple[bool, str]:
    """Flat: over the second half of the run, RSS grows by at most max(5%, 5 MB). Memory that
    grows with the number of files (a leak) keeps growing there; caches filling up in the first
    seconds (Poppler's fonts, malloc's arenas) do not."""
    values = [getattr(i, attribute) for i in intervals if getattr(i, attribute) > 0]
    if len(values) < 3:
        return True, "too few samples"
    first, middle, last = values[0], values[len(values) // 2], values[-1]
    return last - middle <= max(0.05 * middle, 5), f"{first:.0f} → {middle:.0f} (half-way) → {last:.0f} MB"


def backlog_lines(backlog) -> list[str]:
    mix = ", ".join(f"{count} `{suffix}`" for suffix, count in backlog.mix.items())
    finished = (f"**only {backlog.done} done when the time limit stopped the run** after {backlog.seconds:.0f} s"
                if backlog.timed_out else f"all done in {backlog.seconds:.1f} s")
    lines = [
        f"{backlog.files} files waiting at start ({mix}); {finished} = {backlog.files_per_second:.1f} files/s "
        f"overall; {backlog.failed} failed.",
        f"Peak RSS (VmHWM): daemon {backlog.daemon_peak_mb:.0f} MB, largest worker {backlog.worker_peak_mb:.0f} MB "
        f"({backlog.workers_seen} worker processes seen; workerRecycleAfter {backlog.recycle_after}, so a worker "
        "is never replaced during the run and any growth would show).",
        "",
        "| seconds | done | files/s in the interval | daemon RSS MB | worker RSS MB |",
        "|--:|--:|--:|--:|--:|",
    ]
    for i in backlog.intervals:
        lines.append(f"| {i.seconds:.0f} | {i.done} | {i.rate:.1f} | {i.daemon_rss_mb:.0f} | {i.worker_rss_mb:.0f} |")
    return lines


def scale_lines(rows) -> list[str]:
    lines = [
        "| pages per PDF | PDFs in the batch | forms per PDF | formpipe ms/page (wall) | CPU ms/page | "
        "extract / record / emit / the rest ms/page | pdftotext -layout ms/page |",
        "|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in rows:
        rest = r.ms_per_page - sum(r.stage_ms.values())
        stages = " / ".join(f"{r.stage_ms.get(s, 0):.1f}" for s in ("extract", "record", "emit")) + f" / {rest:.1f}"
        lines.append(
            f"| {r.pages} | {r.files} | {r.forms} | {r.ms_per_page:.1f} | {r.cpu * 1000 / (r.pages * r.files):.1f} | "
            f"{stages} | {r.pdftotext_ms_per_page:.1f} |")
    return lines


def targets(results) -> list[str]:
    rows = []
    born = results.get("sets", [None])[0]
    if born:
        tools = {t.tool: t for t in born.tools}
        formpipe, pdftotext = tools["formpipe convert"], tools["pdftotext -layout"]
        plumber = tools["pdfplumber extract_tables"]
        ratio = formpipe.ratio_to(pdftotext)
        rows.append(("formpipe within 1.5× of pdftotext -layout's time (born digital)", f"{ratio:.2f}×", ratio <= 1.5))
        speedup = formpipe.files_per_second / plumber.files_per_second
        rows.append(("≥ 10× pdfplumber's throughput (born digital)", f"{speedup:.1f}×", speedup >= 10))
        share = {t.tool: t.found / t.values for t in born.tools if t.values}
        others = max(v for k, v in share.items() if not k.startswith("formpipe"))
        rows.append(("highest share of gold cell values intact (born digital)",
                     f"{100 * share['formpipe convert']:.1f}% (best other tool: {100 * others:.1f}%)",
                     share["formpipe convert"] >= others))
    if results.get("latency") and results["latency"].milliseconds:
        p50 = results["latency"].p50
        rows.append(("daemon latency p50 < 100 ms beyond settle", f"{p50:.1f} ms", p50 < 100))
    if results.get("backlog"):
        intervals = results["backlog"].intervals
        daemon_ok, daemon_text = rss_flat(intervals, "daemon_rss_mb")
        worker_ok, worker_text = rss_flat(intervals, "worker_rss_mb")
        rows.append(("daemon and worker RSS flat over the backlog",
                     f"daemon {daemon_text}, worker {worker_text}", daemon_ok and worker_ok))
    return ["| target | measured | met |", "|---|---|---|"] + [
        f"| {name} | {value} | {'yes' if ok else '**no**'} |" for name, value, ok in rows]


def limits(results) -> list[str]:
    """What the Poppler floor row says about the throughput targets, from this run's figures."""
    born = (results.get("sets") or [None])[0]
    if not born:
        return []
    tools = {t.tool: t for t in born.tools}
    floor = next((t for t in born.tools if t.tool.startswith("Poppler render")), None)
    single, pdftotext = tools.get("formpipe convert --jobs 1"), tools.get("pdftotext -layout")
    plumber, formpipe = tools.get("pdfplumber extract_tables"), tools.get("formpipe convert")
    if not (floor and single and pdftotext and plumber and formpipe):
        return []
    per_file = lambda seconds, t: 1000 * seconds / t.files
    cores = max(1, round(formpipe.cpu / formpipe.wall)) if formpipe.wall else 1
    best = per_file(floor.cpu, floor) / cores
    return [
        "## Where the time goes", "",
        f"- formpipe spends {per_file(single.cpu, single):.1f} ms of CPU per born-digital file (--jobs 1); "
        f"Poppler's render and text alone take {per_file(floor.cpu, floor):.1f} ms "
        f"({100 * floor.cpu / single.cpu:.0f}%). The render is needed for the ruling lines (poppler-glib offers "
        "no access to the page's vector paths), and its cost is loading each document's embedded fonts and "
        "glyphs, not pixels: a 1-dpi render costs nearly as much as a 72-dpi one (93% in a test of the same 80 files).",
        f"- pdftotext -layout takes {per_file(pdftotext.wall, pdftotext):.1f} ms per file. 1.5× of it is "
        f"{1.5 * per_file(pdftotext.wall, pdftotext):.1f} ms; Poppler's share alone, spread over {cores} cores "
        f"with nothing else done, would be {best:.1f} ms.",
        f"- 10× pdfplumber's throughput means {per_file(plumber.wall, plumber) / 10:.1f} ms per file "
        f"({per_file(plumber.wall, plumber) / 10 / per_file(pdftotext.wall, pdftotext):.2f}× pdftotext's time): "
        f"{cores * per_file(plumber.wall, plumber) / 10:.1f} ms of CPU per file on {cores} cores, against "
        f"{per_file(floor.cpu, floor):.1f} ms for Poppler's part alone — nothing left for finding the table, "
        "repairing it, or writing the record, XML, log and review page.",
        "",
    ]


def results_markdown(results) -> list[str]:
    lines = ["## Targets", ""] + targets(results) + [""] + limits(results)
    if results.get("sets"):
        lines += ["## Throughput and accuracy", ""]
        for result in results["sets"]:
            lines += throughput_table(result) + [""]
    if results.get("latency"):
        lines += ["## Daemon latency", "", "A two-page form (dev-01.pdf) renamed into the inbox, one at a time; "
                  "from the rename to its outbox folder appearing (inotify), minus settleSeconds.", ""]
        lines += latency_lines(results["latency"]) + [""]
    if results.get("backlog"):
        lines += ["## Backlog", ""] + backlog_lines(results["backlog"]) + [""]
    if results.get("scale"):
        lines += ["## Scale with work", "", "PDFs made of dev-02.pdf (two one-page forms) by qpdf: its first page, "
                  "the file 5×, the file 50×; each size converted in one `formpipe convert --jobs 1` batch.", ""]
        lines += scale_lines(results["scale"]) + [""]
    return lines


def document(results, machine, versions, settings, started) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Written by `bench/run.sh`" + (" --quick (a smoke run: too few files to trust)" if settings["quick"] else "")
        + f" on {started}. Re-run it on a quiet machine: the figures are wall times.",
        "",
        f"Machine: {machine['cores']} cores, {machine['memory']}, {machine['cpu']}, Linux {machine['kernel']}; "
        f"load average at start {machine['load']}, at the end {machine.get('load_end', '?')}.",
        "",
        "Versions: " + ", ".join(f"{name} {version}" for name, version in versions.items()) + ".",
        "",
    ]
    lines += results_markdown(results)
    lines += [
        "## How it is measured",
        "",
        "- **formpipe convert**: the release build, one `formpipe convert` for the whole batch with its default "
        "`--jobs` (one `formpipe worker` process per core), every output written (form-NN.json, form-NN.xml, "
        "repairs.jsonl, manifest.json, review-crops.json and review.html per file, the outbox's index.html); "
        "*--jobs 1* is the same in one process on one core. Born-digital: median of "
        f"{settings['formpipe_repeats']} run(s); text-layer: one run, stopped after {settings['formpipe_budget']:.0f} s "
        "(their pages are OCR'd by Tesseract, seconds per page): files/s is over the files it finished, accuracy "
        f"over the corpus files among them. pdftotext: median of {settings['repeats']}. CPU s is user + system "
        "time of the process and its workers.",
        "- **Poppler render 72 dpi + text only**: `bench/poppler_floor.c`, the two poppler-glib calls formpipe's "
        "PDF extractor makes per page (render for the ruling lines, text with boxes), in one C process, nothing "
        "else: what formpipe cannot go below on one core without changing Poppler.",
        "- **pdftotext -layout**: one process per file from a shell loop, as users run it; the "
        "*one process* row is its floor: the same files joined by `pdfunite` into one PDF, one process.",
        "- **pdfplumber** `page.extract_tables()` and **PyMuPDF** `page.find_tables()`: one Python process "
        "over the list, writing each file's tables as JSON; the process's wall time including start-up and "
        "imports. PyMuPDF 2's default `find_tables()` runs its layout model before the line finder; "
        f"`use_layout=False` is the line-based finder alone. A Python tool stops after {settings['python_budget']:.0f} s "
        + ("at the end of a whole pass over the corpus " if settings["whole_passes"] else "")
        + "(noted in the table); its files/s is over what it did, its accuracy over the corpus files it reached.",
        "- *time per file vs pdftotext*: the tool's seconds per file divided by pdftotext's (lower is faster).",
        "- Accuracy is taken from the first copy of each corpus file (all copies are identical).",
        "- *RSS flat*: over the second half of the backlog a process's resident memory grows by at most "
        "5% (or 5 MB): growth with the number of files would continue there, while caches that fill in the "
        "first seconds (Poppler's fonts, malloc's arenas) level off.",
        "- Daemon runs use a fresh folder tree, `settleSeconds` "
        f"{settings['settle']}, `workers` 0 (one per core), outputs json + xml; the daemon only "
        "converts content it has not seen, so every dropped file differs by a trailing comment (PDF, HTML) or a "
        "trailing blank line of spaces and tabs (OCR text), which changes no record.",
        "",
        "### Accuracy definitions",
        "",
    ]
    body = ACCURACY_DEFINITIONS.strip().split("\n", 2)[2]
    lines += [line[0:] for line in body.splitlines()]
    return "\n".join(lines) + "\n"
