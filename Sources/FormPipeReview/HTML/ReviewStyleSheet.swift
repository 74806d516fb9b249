/// The pages' only style sheet, inlined in each page so they open from `file://` with no
/// network and no second file. Fonts are the system's own CJK fonts by name; none is fetched.
///
/// Cell colours follow `ConfidenceBand`: red below 0.8, amber below 0.95, pale yellow above;
/// green for a value a reviewer set; a dashed red outline for a field a finding names.
enum ReviewStyleSheet {
    static let css: StaticString = """
        :root { --line: #333; --muted: #777; --low: #ffd2cc; --mid: #ffe9a8; --high: #fff8dc; --ok: #d4f2d9; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; padding: 16px 24px 48px; max-width: 1280px; color: #111; background: #fff;
          font: 14px/1.5 "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
            "PingFang SC", "Microsoft YaHei", sans-serif; }
        h1 { font-size: 22px; margin: 8px 0 4px; }
        h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
        a { color: #0645ad; }
        code { font: 12px/1.4 "DejaVu Sans Mono", monospace; background: #f3f3f3; padding: 1px 4px;
          display: block; margin: 2px 0; white-space: pre-wrap; word-break: break-all; }
        .meta { color: #444; margin: 0 0 8px; }
        .muted, .path { color: var(--muted); font-size: 12px; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; }
        .badge.yes { background: var(--ok); } .badge.no { background: var(--mid); }
        .legend span { display: inline-block; padding: 0 8px; margin-right: 6px; border: 1px solid #bbb; }
        table { border-collapse: collapse; }
        table.form { width: 100%; margin: 8px 0 24px; table-layout: fixed; }
        table.form caption { padding: 6px 0 10px; }
        table.form caption .title { display: block; font-size: 22px; font-weight: bold; letter-spacing: 4px; }
        table.form caption .year { display: block; font-size: 15px; }
        table.form th, table.form td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: middle; }
        table.form th { background: #f4f4f4; font-weight: normal; text-align: center; }
        table.form td.num { text-align: right; font-variant-numeric: tabular-nums; }
        table.form td.text, table.form td.long { white-space: pre-line; }
        table.form td.long { vertical-align: top; font-size: 13px; }
        td.c-low, th.c-low { background: var(--low); } td.c-mid, th.c-mid { background: var(--mid); }
        td.c-high, th.c-high { background: var(--high); }
        td.reviewed { background: var(--ok); }
        td.finding { outline: 2px dashed #c00; outline-offset: -3px; }
        td:target, tr:target td, span:target + .value { box-shadow: inset 0 0 0 3px #0645ad; }
        details.fix { display: block; margin-top: 3px; font-size: 12px; text-align: left; white-space: normal; }
        details.fix summary { cursor: pointer; display: inline-block; padding: 0 5px; border-radius: 3px;
          border: 1px solid #999; background: #fff; color: #333; }
        details.fix.c-low summary { border-color: #c0392b; color: #c0392b; font-weight: bold; }
        details.fix.reviewed summary { border-color: #2e7d32; color: #2e7d32; }
        .fix-body { margin: 4px 0; padding: 4px 6px; background: #fff; border: 1px solid #ccc; max-width: 420px; }
        .change del { background: #fde2e0; text-decoration: line-through; }
        .change ins { background: #dff5e1; text-decoration: none; }
        .change del, .change ins { white-space: pre-wrap; word-break: break-all; }
        .change .blank { color: var(--muted); font-style: italic; }
        .change { max-height: 9em; overflow: auto; }
        .rule { color: #555; }
        .chip { display: inline-block; margin: 2px 2px 0 0; padding: 0 5px; font-size: 12px; border-radius: 3px; }
        .finding-chip { border: 1px dashed #c00; color: #c00; text-decoration: none; }
        img.crop { display: block; max-width: 360px; max-height: 160px; margin-top: 4px; border: 1px solid #888;
          image-rendering: auto; background: #fff; }
        table.queue, table.decisions, table.index { width: 100%; font-size: 13px; }
        table.queue th, table.queue td, table.decisions th, table.decisions td, table.index th, table.index td {
          border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; }
        table.queue tr.c-low td.confidence { background: var(--low); font-weight: bold; }
        table.queue tr.c-mid td.confidence { background: var(--mid); }
        table.queue tr:target td { background: #e8f0fe; }
        td.review { min-width: 260px; max-width: 380px; }
        .decided { color: #2e7d32; font-weight: bold; }
        ol.findings li { margin: 4px 0; }
        ol.findings .rule { font-family: monospace; color: #a00; }
        tr.problem td { background: #fff0f0; }
        .problem-text { color: #a00; }
        table.index td.num, table.index th.num { text-align: right; }
        table.index tr.reviewed td { color: #555; }
        .empty { color: var(--muted); }
        nav.top { font-size: 13px; }
        @media print { details.fix { display: none; } }
        """
}
