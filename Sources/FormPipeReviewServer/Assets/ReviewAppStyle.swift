/// The browser review's style sheet: the review pages' colours (red < 0.8, amber < 0.95, green
/// for a reviewer's value) and the system's CJK fonts by name, none fetched.
enum ReviewAppStyle {
    static let css = """
        :root { --low: #ffd2cc; --mid: #ffe9a8; --high: #fff8dc; --ok: #d4f2d9; --muted: #777; --line: #ddd; }
        * { box-sizing: border-box; }
        html, body { height: 100%; }
        body { margin: 0; display: flex; flex-direction: column; color: #111;
          font: 14px/1.45 "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
            "PingFang SC", "Microsoft YaHei", sans-serif; }
        header { display: flex; gap: 16px; align-items: baseline; padding: 8px 16px; border-bottom: 1px solid var(--line); }
        header h1 { font-size: 18px; margin: 0; }
        .meta { color: #555; font-size: 13px; }
        #live { color: #2e7d32; } #live.stale { color: #c00; }
        .filters { display: flex; gap: 18px; padding: 6px 16px; background: #f7f7f7; border-bottom: 1px solid var(--line);
          font-size: 13px; }
        .filters input[type=number] { width: 70px; }
        main { flex: 1; display: grid; grid-template-columns: 300px minmax(380px, 1fr) minmax(420px, 1.2fr); min-height: 0; }
        #side { display: flex; flex-direction: column; min-height: 0; overflow: hidden; border-right: 1px solid var(--line);
          padding: 0 10px; }
        #side h2 { flex: none; font-size: 14px; margin: 12px 0 4px; }
        #documents { flex: none; max-height: 32%; overflow: auto; list-style: none; margin: 0; padding: 0; font-size: 13px; }
        #documents li { padding: 3px 0; border-bottom: 1px solid #eee; cursor: pointer; }
        #documents li.reviewed .name::after { content: " ✔ 已审阅"; color: #2e7d32; }
        .bar { height: 5px; background: #eee; border-radius: 3px; margin-top: 2px; }
        .bar span { display: block; height: 100%; background: #2e7d32; border-radius: 3px; }
        #queue { flex: 1; min-height: 0; overflow: auto; margin: 0; padding: 0 0 12px; list-style: none; font-size: 13px; }
        #queue li { display: grid; grid-template-columns: 46px 1fr; gap: 0 6px; padding: 4px; border-bottom: 1px solid #eee;
          cursor: pointer; }
        #queue li .conf { text-align: right; font-variant-numeric: tabular-nums; }
        #queue li .what { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        #queue li .sub { grid-column: 2; color: var(--muted); font-size: 12px; }
        #queue li.c-low .conf { background: var(--low); font-weight: bold; }
        #queue li.c-mid .conf { background: var(--mid); }
        #queue li.decided { color: #2e7d32; }
        #queue li.decided .what::before { content: "✔ "; }
        #queue li.current { background: #e8f0fe; outline: 2px solid #0645ad; }
        #item { overflow: auto; padding: 12px 18px; border-right: 1px solid var(--line); }
        #item h2 { font-size: 20px; margin: 0 0 2px; }
        #item .path { color: var(--muted); font-family: monospace; font-size: 12px; }
        #item .crop { display: block; max-width: 100%; max-height: 260px; margin: 10px 0; border: 1px solid #888;
          background: #fff; }
        .nocrop { color: var(--muted); font-style: italic; margin: 10px 0; }
        .change del { background: #fde2e0; } .change ins { background: #dff5e1; text-decoration: none; }
        .change del, .change ins { white-space: pre-wrap; word-break: break-all; padding: 0 2px; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 10px 0; }
        dl.facts dt { color: #555; } dl.facts dd { margin: 0; }
        textarea#value { width: 100%; min-height: 2.4em; font: 18px/1.4 inherit; padding: 6px; border: 2px solid #0645ad;
          border-radius: 4px; resize: vertical; }
        textarea#value.dirty { border-color: #e67e22; background: #fffaf0; }
        .hint { color: var(--muted); font-size: 12px; }
        table.cells { width: 100%; border-collapse: collapse; margin: 6px 0; }
        table.cells th { text-align: left; font-weight: normal; color: #444; padding: 2px 8px 2px 0; width: 40%; font-size: 13px; }
        table.cells input { width: 100%; font: 15px/1.3 inherit; padding: 3px 5px; border: 1px solid #0645ad; border-radius: 3px; }
        table.cells input.dirty { border-color: #e67e22; background: #fffaf0; }
        .buttons { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; }
        .buttons button { font: inherit; padding: 4px 10px; }
        #message { margin: 8px 0; padding: 6px 10px; border-radius: 4px; display: none; white-space: pre-wrap; }
        #message.error { display: block; background: #fde2e0; border: 1px solid #c0392b; color: #7b1e12; }
        #message.ok { display: block; background: var(--ok); border: 1px solid #2e7d32; }
        .decision { color: #2e7d32; font-weight: bold; }
        .finding { color: #a00; font-size: 13px; }
        .empty { color: var(--muted); }
        #form { min-height: 0; } #form-frame { width: 100%; height: 100%; border: 0; }
        footer.keys { padding: 4px 16px; font-size: 12px; color: #444; border-top: 1px solid var(--line); background: #fafafa; }
        kbd { border: 1px solid #aaa; border-bottom-width: 2px; border-radius: 3px; padding: 0 4px; font-size: 11px; background: #fff; }

        """
}
