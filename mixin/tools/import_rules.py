#!/usr/bin/env python3
"""Imports a hand-written Prometheus rule file in the layout of alert-rules/vigil.rules.yml into the mixin:
rewrites mixin/rules.libsonnet (recording rules) and mixin/alerts.libsonnet (alerts), keeping the comments,
turning the runbook and dashboard links into c.runbookUrl / c.dashboardUrl and the scrape selector and the
thresholds of _config into references. This is how the mixin was made from the original file, and how a change
made to a hand-written copy (e.g. on a branch from before the mixin) is brought in:

    git show OTHER-BRANCH:alert-rules/vigil.rules.yml > /tmp/theirs.yml
    python3 mixin/tools/import_rules.py /tmp/theirs.yml mixin && bash mixin/build.sh && git diff mixin/

Needs PyYAML (Debian: python3-yaml).
"""
import re, sys, yaml, json
SRC = sys.argv[1]; OUT = sys.argv[2]
text = open(SRC).read()
data = yaml.safe_load(text)
lines = text.split('\n')

# comments: per group (banner before "- name:") and per rule (comment lines inside the rule block)
group_comments, rule_comments = {}, {}
pending, current = [], None
for ln in lines:
    s = ln.strip()
    m = re.match(r'^  - name: (\S+)', ln)
    if m:
        group_comments[m.group(1)] = [c for c in pending if set(c) - set('# -')]
        pending = []; current = None; continue
    m = re.match(r'^      - (alert|record): (\S+)', ln)
    if m:
        current = m.group(2); rule_comments[current] = list(pending); pending = []; continue
    if s.startswith('#'):
        if current and ln.startswith('        #'):
            rule_comments.setdefault(current, []).append(s)
        else:
            pending.append(s)
    elif s == '':
        pass

RUNBOOK = re.compile(r'^\{\{ or \$externalLabels\.vigil_runbook_base "https://vigil\.example/alert-rules/README\.md" \}\}#(\w+)$')
DASH = re.compile(r'^\{\{ or \$externalLabels\.vigil_grafana_url "http://grafana\.example:3000" \}\}/d/([\w-]+)\?orgId=1((?:\{\{ with \$labels\.\w+ \}\}&var-\w+=\{\{ \. \| urlquery \}\}\{\{ end \}\})*)$')
VAR = re.compile(r'\{\{ with \$labels\.(\w+) \}\}&var-(\w+)=')
SEL = 'job=~"vigil.*"'

def jstr(s):
    if "'" not in s and '\\' not in s and '\n' not in s:
        return "'" + s + "'"
    return json.dumps(s, ensure_ascii=False)

def expr_src(s, ind):
    if SEL in s:
        parts = s.split(SEL)
        return ' + c.vigilSelector + '.join(jstr(p) for p in parts)
    if '\n' in s:
        assert s.endswith('\n') and not s.endswith('\n\n') and '|||' not in s
        body = '\n'.join((ind + '  ' + l) if l else '' for l in s[:-1].split('\n'))
        return '|||\n' + body + '\n' + ind + '|||'
    return jstr(s)

def key(k):
    return k if re.match(r'^[A-Za-z_]\w*$', k) and k not in ('for', 'local', 'if', 'then', 'else', 'function', 'import', 'error', 'assert', 'self', 'super', 'true', 'false', 'null', 'in', 'tailstrict', 'importstr', 'importbin') else jstr(k)

def rule_src(r, ind):
    out = [ind + '{']
    i2 = ind + '  '
    for c in rule_comments.get(r.get('alert') or r.get('record'), []):
        out.append(i2 + '//' + c[1:])
    for k, v in r.items():
        if k == 'expr':
            out.append(f'{i2}expr: {expr_src(v, i2)},')
        elif k in ('labels', 'annotations'):
            out.append(f'{i2}{k}: {{')
            for lk, lv in v.items():
                m = RUNBOOK.match(lv) if lk == 'runbook_url' else None
                d = DASH.match(lv) if lk == 'dashboard_url' else None
                if m:
                    src = f"c.runbookUrl('{m.group(1)}')"
                elif d:
                    vars_ = VAR.findall(d.group(2))
                    assert all(a == b for a, b in vars_)
                    src = f"c.dashboardUrl('{d.group(1)}', [{', '.join(repr(a) for a, _ in vars_)}])"
                else:
                    assert 'vigil_runbook_base' not in lv and 'vigil_grafana_url' not in lv, lv
                    src = jstr(lv)
                out.append(f'{i2}  {key(lk)}: {src},')
            out.append(i2 + '},')
        else:
            out.append(f'{i2}{key(k)}: {jstr(v) if isinstance(v, str) else json.dumps(v)},')
    out.append(ind + '},')
    return '\n'.join(out)

def groups_src(groups, field):
    out = []
    for g in groups:
        for c in group_comments.get(g['name'], []):
            out.append('      //' + c[1:])
        out.append("      {")
        out.append(f"        name: '{g['name']}',")
        out.append("        rules: [")
        for r in g['rules']:
            out.append(rule_src(r, '          '))
        out.append("        ],")
        out.append("      },")
    return '\n'.join(out)

rec = [g for g in data['groups'] if all('record' in r for r in g['rules'])]
alr = [g for g in data['groups'] if all('alert' in r for r in g['rules'])]
assert len(rec) + len(alr) == len(data['groups'])
HDR = """// The source of alert-rules/vigil.rules.yml (bash mixin/build.sh). First made by tools/import_rules.py.
// c = the mixin's _config (selector, runbook and Grafana bases, thresholds).
"""

# Thresholds of _config, as they appear in the hand-written file.
THRESHOLDS = [
    ("expr: 'vigil_chain_depth > 250',", "expr: 'vigil_chain_depth > %d' % c.chainDepthMax,"),
    ("expr: 'predict_linear(vigil_repository_free_bytes[6h], 3 * 86400) < 0',",
     "expr: 'predict_linear(vigil_repository_free_bytes[6h], %d * 86400) < 0' % c.repositoryForecastDays,"),
    ("expr: 'vigil_repository_free_bytes / vigil_repository_size_bytes < 0.10',",
     "expr: 'vigil_repository_free_bytes / vigil_repository_size_bytes < %s' % c.repositoryFreeRatioMin,"),
    ("                > 0.90\n", "                > %(quotaUsedRatioMax)s\n"),
    ("              (count without (folder, volume) (vigil_chain_usage_bytes) > bool 0)\n            |||,",
     "              (count without (folder, volume) (vigil_chain_usage_bytes) > bool 0)\n            ||| % c,"),
    ("expr: 'vigil_tenant_entities / vigil_tenant_entity_limit >= 0.9',",
     "expr: 'vigil_tenant_entities / vigil_tenant_entity_limit >= %s' % c.tenantEntityRatioMax,"),
    ("""expr: 'sum without (kind, result) (increase(vigil_push_requests_total{result="rejected"}[10m])) > 10',""",
     """expr: 'sum without (kind, result) (increase(vigil_push_requests_total{result="rejected"}[10m])) > %d' % c.pushesRefusedPer10mMax,"""),
    ("""expr: 'sum without (kind, result) (increase(vigil_push_requests_total{result="unauthorized"}[10m])) > 10',""",
     """expr: 'sum without (kind, result) (increase(vigil_push_requests_total{result="unauthorized"}[10m])) > %d' % c.pushesRefusedPer10mMax,"""),
    ("expr: 'vigil_tls_certificate_expiry_timestamp_seconds - time() < 14 * 86400',",
     "expr: 'vigil_tls_certificate_expiry_timestamp_seconds - time() < %d * 86400' % c.certificateExpiryDays,"),
]


def thresholds(src):
    for plain, ref in THRESHOLDS:
        if src.count(plain) != 1:
            print(f'note: threshold not found once, left as written: {plain.strip()[:70]}', file=sys.stderr)
        src = src.replace(plain, ref)
    return src

open(OUT + '/rules.libsonnet', 'w').write(HDR + """{
  local c = self._config,
  prometheusRules+:: {
    groups+: [
""" + groups_src(rec, 'prometheusRules') + """
    ],
  },
}
""")
open(OUT + '/alerts.libsonnet', 'w').write(HDR + thresholds("""{
  local c = self._config,
  prometheusAlerts+:: {
    groups+: [
""" + groups_src(alr, 'prometheusAlerts') + """
    ],
  },
}
"""))
