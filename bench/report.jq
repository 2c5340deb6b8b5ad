# Turns the raw figures of one bench/run (bench/results/*.json) into docs/PERFORMANCE.md.
# Arguments: $title, $note (a paragraph, may be empty), $file (where the raw figures are).

def r0: . * 1 | round;
def ms: if . == null then "–" else (. / 1000 * 100 | round / 100 | tostring) end;
def mb: (. / 1048576 * 10 | round / 10 | tostring) + " MB";
def num: if . == null then "–" else (. | round | tostring) end;
def ratio: if . == null then "–" else ((. * 100 | round) / 100 | tostring) + "×" end;
def yes(ok): if ok then "met" else "**not met**" end;
# A deep page of the directory is one URL whatever its number.
def url_label: .name | sub(", page [0-9]+$"; ", deep page");

# Scales may be measured in any order; the report lists them from the smallest.
.scales |= sort_by(.scale)
| . as $run
| ($run.points | map(select(.server == "opo"))) as $opo
| ($run.points | map(select(.server == "nginx"))) as $nginx
| def nginx_of($p): ($nginx | map(select(.scale == $p.scale and .name == $p.name and .connections == $p.connections)) | first);
  def with_ratio: map(. as $p | nginx_of($p) as $n | . + {nginx: $n, ratio: (if $n then $p.rps / $n.rps else null end)});
  ($opo | with_ratio) as $rows
| ($run.scales | map(.scale)) as $scales
| ["home", "directory", "profile", "Atom feed", "logo"] as $public
| ["directory, uncached", "two filters, uncached", "search, rare word, uncached", "search, medium word, uncached", "search, common word, uncached"] as $uncached
| [
  "# \($title)",
  "",
  (if $note != "" then $note, "" else empty end),
  "Measured \($run.date) on \($run.machine.nproc) cores (\($run.machine.cpu)), revision \($run.revision), \($run.duration_s) s per point\(if ($run.repeat // 1) > 1 then ", each point the median of \($run.repeat) runs (requests and errors summed)" else "" end), with \($run.tools.wrk | split(" ")[0:2] | join(" ")) as the load generator on the same machine and \($run.tools.nginx | sub("nginx version: "; "")) serving the static export for comparison. Raw figures: `\($file)`.",
  "",
  "```",
  $run.command,
  "```",
  "",
  "Each scale is a SQLite database made by `opo demo --scale N --seed S` (N organizations, 10×N posts, N/10 accounts, N/2 applications over every stage, 5×N audit and outbox rows). The load generator shares the cores with the server, for opo and for nginx alike, so the ratios compare like with like. CPU is the server's user+system time divided by the requests answered; the ratio is opo's requests/s over nginx's for the same file. Errors are answers other than 2xx plus requests that failed or took longer than the timeout; a point where every request timed out has no latency.",
  "",
  "Stripped binary: \($run.stripped_binary_bytes | mb).",
  "",
  "| organizations | data set load | database | load average before | cold start | peak memory (VmHWM) | site export |",
  "|---:|---:|---:|---:|---:|---:|---|",
  ($run.scales[] | "| \(.scale) | \(.load_ms / 1000 * 10 | round / 10) s | \(.database_bytes | mb) | \(.loadavg // "–") | \(.cold_start_ms) ms | \(.peak_rss_kb * 1024 | mb) | \(if .export_ms then "\(.export_ms / 1000 * 10 | round / 10) s" else .note end) |"),
  "",
  ($scales[] as $s
   | "## \($s) organizations",
     "",
     "| URL | conn. | req/s | p50 ms | p99 ms | CPU µs/req | KiB/resp. | errors | nginx req/s | nginx p99 ms | ratio to nginx |",
     "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
     ($rows[] | select(.scale == $s)
      | "| \(.name) `\(.path)` | \(.connections) | \(.rps | num) | \(.p50_us | ms) | \(.p99_us | ms) | \(.cpu_us_per_request | num) | \(if .requests > 0 then (.bytes / .requests / 1024 * 10 | round / 10 | tostring) else "–" end) | \(.non_2xx + .socket_errors) | \(.nginx.rps | num) | \(.nginx.p99_us | ms) | \(.ratio | ratio) |"),
     "",
     ($run.skipped | map(select(.scale == $s)) | if length > 0 then
        ("Not measured: " + (map("\(.server) \(.name) `\(.path)` (\(.why))") | join("; ")) + "."), "" else empty end)),
  "## How p50 grows with the number of organizations (16 connections)",
  "",
  "| URL | " + ($scales | map("\(.) orgs") | join(" | ")) + " | largest ÷ smallest |",
  "|---|" + ($scales | map("---:") | join("|")) + "|---:|",
  ($rows | map(select(.connections == 16)) | group_by(url_label)[]
   | . as $g
   | ($scales | map(. as $s | $g | map(select(.scale == $s)) | first | .p50_us)) as $p
   | "| \($g[0] | url_label) | " + ($p | map(ms) | join(" | ")) + " | "
     + (if ($p | length) > 1 and $p[0] and $p[-1] then ($p[-1] / $p[0] | ratio) else "–" end) + " |"),
  "",
  "## Targets, as measured in this run",
  "",
  "- Stripped binary under 40 MB: \($run.stripped_binary_bytes | mb), \(yes($run.stripped_binary_bytes < 40 * 1048576)).",
  "- Cold start under 300 ms on SQLite: " + ($run.scales | map("\(.cold_start_ms) ms at \(.scale)") | join(", ")) + ", \(yes($run.scales | all(.cold_start_ms < 300))).",
  "- Peak memory under 100 MB: " + ($run.scales | map("\(.peak_rss_kb * 1024 | mb) at \(.scale)") | join(", ")) + ", \(yes($run.scales | all(.peak_rss_kb < 102400))).",
  ($rows | map(select(.connections == 64 and (.name | IN($public[])))) as $pub
   | ($pub | map(select(.nginx == null)) | map("\(.name) at \(.scale)")) as $alone
   | ($pub | map(select((.p99_us // 1e12) >= 10000 or (.ratio != null and .ratio < 0.6)))
     | map("\(.name) at \(.scale): \(.ratio | ratio), p99 \(.p99_us | ms) ms")) as $bad
   | "- Public cached pages at 64 connections at least 0.6× nginx's requests/s and p99 under 10 ms: "
     + (if ($pub | length) == 0 then "nothing measured"
        elif ($bad | length) == 0 then "met for every page and scale measured"
        else "**not met** for " + ($bad | join("; ")) end)
     + (if ($alone | length) > 0 then " (no nginx figure for " + ($alone | join(", ")) + ")" else "" end) + "."),
  ($rows | map(select(.connections == 16 and .scale >= 10000 and (.name | IN($uncached[])))) as $u
   | "- Filtered directory and search uncached, p99 under 15 ms at 16 connections over 10,000+ organizations: "
     + (if ($u | length) == 0 then "no scale of 10,000 or more in this run"
        else ($u | map("\(.name) at \(.scale): \(.p99_us | ms) ms") | join("; ")) + ", \(yes($u | all((.p99_us // 1e12) < 15000)))" end) + "."),
  ($rows | map(select(.connections == 16)) | group_by(url_label)
   | map(. as $g | ($g | min_by(.scale)) as $lo | ($g | max_by(.scale)) as $hi
         | select($lo.scale != $hi.scale)
         | {name: ($g[0] | url_label), growth: (if $hi.p50_us and $lo.p50_us then $hi.p50_us / $lo.p50_us else null end), lo: $lo.scale, hi: $hi.scale}) as $gr
   | "- p50 grows less than 3× from the smallest to the largest scale"
     + (if ($gr | length) == 0 then ": only one scale in this run"
        else " (\($gr[0].lo) to \($gr[0].hi) organizations; the target is 100 to 100,000): "
          + (($gr | map(select(.growth == null or .growth >= 3))
              | map("\(.name) \(if .growth == null then "(no answer within the timeout at the largest scale)" else (.growth | ratio) end)")) as $bad
             | if ($bad | length) == 0 then "met for every URL" else "**not met** for " + ($bad | join(", ")) end) end) + ".")
  ]
| .[]
