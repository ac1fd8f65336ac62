/// The console's one stylesheet, served by Yibao itself at `/console/style.css` (no CDN, no remote
/// fonts: the system's CJK fonts are named first).
enum ConsoleStylesheet {
    static let path = "/console/style.css"

    static let css = """
        :root { --ink: #1d2733; --muted: #5b6776; --line: #d5dbe3; --accent: #0b5cad; --accent-soft: #e6f0fa;
          --bad: #a4262c; --bad-soft: #fdecee; --good: #1e7a3c; --good-soft: #e8f5ec; }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--ink); background: #f6f8fa; line-height: 1.5;
          font: 15px/1.5 "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; }
        a { color: var(--accent); }
        :focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5em 1em; }
        .skip:focus { left: .5em; z-index: 10; }
        .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        header.top { display: flex; flex-wrap: wrap; align-items: center; gap: .5em 1.5em; padding: .6em 1.5em;
          background: #fff; border-bottom: 1px solid var(--line); }
        .brand { font-weight: 700; color: var(--ink); text-decoration: none; }
        .menu { display: flex; flex-wrap: wrap; gap: .25em; margin: 0; padding: 0; list-style: none; }
        .menu a { display: block; padding: .3em .8em; border-radius: 4px; text-decoration: none; }
        .menu a[aria-current="page"] { background: var(--accent); color: #fff; }
        .tools { margin-left: auto; display: flex; align-items: center; gap: 1em; }
        .who { color: var(--muted); }
        form.inline { display: inline; margin: 0; }
        main { max-width: 1200px; margin: 0 auto; padding: 1em 1.5em 3em; }
        h1 { font-size: 1.5em; margin: .3em 0 .8em; }
        h2 { font-size: 1.2em; margin-top: 1.6em; }
        h3 { font-size: 1.05em; margin: 1.4em 0 .4em; }
        footer { text-align: center; color: var(--muted); font-size: .85em; padding: 1em; }
        table { border-collapse: collapse; background: #fff; margin: .4em 0 1em; min-width: 40%; }
        caption { text-align: left; font-weight: 600; padding: .3em 0; }
        th, td { border: 1px solid var(--line); padding: .35em .6em; text-align: left; vertical-align: top; }
        thead th { background: #eef2f6; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .nowrap { white-space: nowrap; }
        .wrap { max-width: 22em; overflow-wrap: anywhere; }
        .muted { color: var(--muted); }
        label { font-weight: 600; display: block; margin-bottom: .15em; }
        .checks label { display: inline-block; font-weight: 400; margin-right: 1em; }
        input, select, button { font: inherit; padding: .35em .5em; border: 1px solid #9aa5b1; border-radius: 4px; background: #fff; }
        input.num { width: 9em; }
        button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
        header button { background: #fff; color: var(--accent); }
        fieldset { border: 1px solid var(--line); background: #fff; margin: 0 0 1em; padding: .5em 1em; }
        legend { font-weight: 700; }
        small { display: block; color: var(--muted); }
        form.calc { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 0 1em; align-items: start; }
        form.calc > .wide, form.calc > p { grid-column: 1 / -1; }
        .filters { display: flex; flex-wrap: wrap; gap: 0 1.5em; align-items: flex-end; }
        .pager { display: flex; gap: 1.5em; align-items: baseline; margin: .5em 0; }
        .card { background: #fff; border: 1px solid var(--line); padding: 1em 1.5em; }
        .narrow { max-width: 24em; }
        .problem { background: var(--bad-soft); border-left: 4px solid var(--bad); padding: .4em 1em; margin: .5em 0 1em; }
        .ok { background: var(--good-soft); border-left: 4px solid var(--good); padding: .4em 1em; margin: .5em 0 1em; }
        dl.facts { display: grid; grid-template-columns: max-content auto; gap: .2em 1.2em; background: #fff;
          border: 1px solid var(--line); padding: .8em 1.2em; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; }
        table.diff { table-layout: fixed; width: 100%; }
        .diff th:nth-child(1) { width: 16%; }
        .diff th:nth-child(2) { width: 5em; }
        .diff td { overflow-wrap: anywhere; }
        .diff tr.added .new, .diff tr.changed .new { background: var(--good-soft); }
        .diff tr.removed .old, .diff tr.changed .old { background: var(--bad-soft); }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 1.5em; }
        figure.chart { margin: 0; background: #fff; border: 1px solid var(--line); padding: .8em 1em; }
        figcaption { font-weight: 700; margin-bottom: .4em; }
        .svg-chart { width: 100%; height: auto; font-size: 11px; }
        .svg-chart .grid { stroke: #e3e8ee; }
        .svg-chart .axis { stroke: #5b6776; }
        .svg-chart .bar { fill: #3b7dd8; }
        .svg-chart .series { fill: none; stroke: #3b7dd8; stroke-width: 2; }
        .svg-chart .dot { fill: #0b5cad; }
        .svg-chart text { fill: #1d2733; }
        .svg-chart .tick { fill: #5b6776; }
        .svg-chart .value { font-weight: 700; }
        """
}
