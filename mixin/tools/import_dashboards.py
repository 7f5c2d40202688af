#!/usr/bin/env python3
"""Imports Grafana dashboards (JSON: exported from Grafana, or the files of a branch from before the mixin) into
the mixin: writes one mixin/dashboards/NN-name.libsonnet per file and mixin/dashboards/dashboards.libsonnet.
The parts every dashboard shares (data source variable, annotations, link menu, settings) come from
lib/grafana.libsonnet, so a dashboard must have them as it does (the data source variable first).

    python3 mixin/tools/import_dashboards.py DIR_WITH_JSON mixin/dashboards && bash mixin/build.sh && git diff
"""
import json, os, re, sys, glob
SRC, OUT = sys.argv[1], sys.argv[2]
DS = {"type": "prometheus", "uid": "${datasource}"}
SEL = 'job=~"vigil.*"'
KW = {'for','local','if','then','else','function','import','error','assert','self','super','true','false','null','in','tailstrict','importstr','importbin'}

def jstr(s):
    if SEL in s:
        return ' + c.vigilSelector + '.join(jstr(p) for p in s.split(SEL))
    if "'" not in s and '\\' not in s and not any(ord(ch) < 32 for ch in s):
        return "'" + s + "'"
    return json.dumps(s, ensure_ascii=False)

def key(k):
    return k if re.match(r'^[A-Za-z_]\w*$', k) and k not in KW else jstr(k)

def emit(v, ind):
    if v == DS:
        return 'g.ds'
    if isinstance(v, dict):
        if not v:
            return '{}'
        flat = '{ ' + ', '.join(f'{key(k)}: {emit(x, "")}' for k, x in v.items()) + ' }'
        if len(flat) + len(ind) < 110 and '\n' not in flat:
            return flat
        return '{\n' + ''.join(f'{ind}  {key(k)}: {emit(x, ind + "  ")},\n' for k, x in v.items()) + ind + '}'
    if isinstance(v, list):
        if not v:
            return '[]'
        flat = '[' + ', '.join(emit(x, '') for x in v) + ']'
        if len(flat) + len(ind) < 110 and '\n' not in flat:
            return flat
        return '[\n' + ''.join(f'{ind}  {emit(x, ind + "  ")},\n' for x in v) + ind + ']'
    if isinstance(v, str):
        return jstr(v)
    return json.dumps(v)

names = []
for f in sorted(glob.glob(os.path.join(SRC, '*.json'))):
    d = json.load(open(f))
    base = os.path.basename(f)[:-5]
    names.append(base)
    tl = d['templating']['list']
    assert tl[0]['name'] == 'datasource'
    t = d['time']
    assert t['to'] == 'now'
    src = f"""// Grafana dashboard {d['uid']} ("{d['title']}"); panels laid out on Grafana's 24-column grid.
local g = import '../lib/grafana.libsonnet';

function(c) g.dashboard(
  c,
  uid={jstr(d['uid'])},
  title={jstr(d['title'])},
  description={jstr(d['description'])},
  from={jstr(t['from'])},
  variables={emit(tl[1:], '  ')},
  panels={emit(d['panels'], '  ')},
)
"""
    open(os.path.join(OUT, base + '.libsonnet'), 'w').write(src)
open(os.path.join(OUT, 'dashboards.libsonnet'), 'w').write(
    "// grafanaDashboards: file name -> dashboard, as shipped in dashboards/.\n{\n  grafanaDashboards+:: {\n"
    + ''.join(f"    '{n}.json': (import '{n}.libsonnet')($._config),\n" for n in names) + "  },\n}\n")
print(names)
