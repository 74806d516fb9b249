/// The browser review's only page. The queue, the item and the form are filled in by
/// `ReviewAppScript` from the JSON the server answers; no framework, no build step, nothing
/// fetched from elsewhere, so it works offline.
enum ReviewAppPage {
    static let html = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>审阅 Review — formpipe</title>
        <link rel="stylesheet" href="/app.css">
        </head>
        <body>
        <header>
          <h1>项目支出绩效自评表 · 审阅 Review</h1>
          <span id="progress" class="meta"></span>
          <span id="live" class="meta" title="new documents appear as the daemon converts them">●</span>
          <span class="meta">审阅人 reviewer: <b id="reviewer"></b></span>
          <a class="meta" href="/outbox/index.html" target="_blank">index.html</a>
        </header>
        <form id="filters" class="filters" onsubmit="return false">
          <label>文件 document <select id="filter-document"><option value="">all</option></select></label>
          <label>规则 rule <select id="filter-rule"><option value="">all</option></select></label>
          <label>置信度 below <input id="filter-below" type="number" min="0" max="1" step="0.05" placeholder="1"></label>
          <label><input id="filter-open" type="checkbox"> 只看未审 open only</label>
        </form>
        <main>
          <nav id="side">
            <h2>文件 Documents</h2>
            <ul id="documents"></ul>
            <h2>待审 Queue <span id="queue-count" class="meta"></span></h2>
            <ol id="queue"></ol>
          </nav>
          <section id="item" aria-live="polite">
            <p class="empty">Loading…</p>
          </section>
          <section id="form">
            <iframe id="form-frame" title="the whole form"></iframe>
          </section>
        </main>
        <footer class="keys">
          <kbd>Enter</kbd> accept / save the typed value · <kbd>Shift</kbd>+<kbd>Enter</kbd> new line ·
          <kbd>Esc</kbd> undo typing · <kbd>Alt</kbd>+<kbd>R</kbd> revert to printed ·
          <kbd>Alt</kbd>+<kbd>→</kbd> skip / next · <kbd>Alt</kbd>+<kbd>←</kbd> previous ·
          <kbd>Alt</kbd>+<kbd>D</kbd> mark the document reviewed
        </footer>
        <script src="/app.js"></script>
        </body>
        </html>

        """
}
