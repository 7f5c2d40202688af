#!/usr/bin/env python3
"""Checks the native 7.0 exports without a Zabbix 7.0 (only 6.0 can be installed here; needs PyYAML).

1. Each *_7.0.yaml equals its 6.0 sibling once the known format differences are mapped back, so
   everything the real 6.0 import proves (items, triggers, expressions, LLD, macros) holds for it too.
2. The parts that differ follow the 7.0 export format as Zabbix 7.0 documents it: "template_groups" at
   the top and no "date"; dashboard widgets typed by module id (graph, graphprototype) whose graph field
   is graphid.0, with a unique 5-letter "reference" field, on the 72-column grid.

Prints "zabbix-7.0: N passed, M failed".
"""
import copy
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(HERE, '..')
passed, failed = 0, 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f'FAIL: {what}')


def back_to_6(doc7):
    """The 7.0 document with the 7.0-only differences mapped back to 6.0."""
    d = copy.deepcopy(doc7)['zabbix_export']
    out = {'version': '6.0', 'date': None, 'groups': d.pop('template_groups') + d.pop('host_groups', [])}
    d.pop('version')
    for t in d['templates']:
        for dash in t.get('dashboards', []):
            for page in dash['pages']:
                for w in page['widgets']:
                    w['type'] = {'graph': 'GRAPH_CLASSIC', 'graphprototype': 'GRAPH_PROTOTYPE'}[w['type']]
                    w['x'] = str(int(w.get('x', '0')) // 3)
                    w['width'] = str(int(w['width']) // 3)
                    w['fields'] = [dict(f, name='graphid') if f['name'] == 'graphid.0' else f
                                   for f in w['fields'] if f['name'] != 'reference']
    out.update(d)
    return {'zabbix_export': out}


def main():
    for name in ('vigil_by_http', 'vigil_customer_by_http', 'vigil_exporter_by_http'):
        with open(os.path.join(BASE, f'{name}.yaml'), encoding='utf-8') as f:
            doc6 = yaml.safe_load(f)
        with open(os.path.join(BASE, f'{name}_7.0.yaml'), encoding='utf-8') as f:
            doc7 = yaml.safe_load(f)
        e7 = doc7['zabbix_export']
        check(e7.get('version') == '7.0', f'{name}_7.0: version 7.0')
        check('date' not in e7 and 'groups' not in e7 and e7.get('template_groups'),
              f'{name}_7.0: template_groups, no groups, no date')
        doc6['zabbix_export']['date'] = None
        check(back_to_6(doc7) == doc6, f'{name}_7.0: same template as the 6.0 export apart from the format')
        refs = []
        for t in e7['templates']:
            check(all(g.get('name') for g in t['groups']), f'{name}_7.0: template groups named')
            for dash in t.get('dashboards', []):
                for page in dash['pages']:
                    for w in page['widgets']:
                        check(w['type'] in ('graph', 'graphprototype'), f'widget type {w["type"]}')
                        fields = {f['name']: f for f in w['fields']}
                        want = 'GRAPH' if w['type'] == 'graph' else 'GRAPH_PROTOTYPE'
                        check(fields.get('graphid.0', {}).get('type') == want and 'graphid' not in fields,
                              f'widget {w["name"]}: graph field graphid.0 of type {want}')
                        ref = fields.get('reference', {})
                        check(ref.get('type') == 'STRING' and re.fullmatch(r'[A-Z]{5}', ref.get('value', '')),
                              f'widget {w["name"]}: 5-letter reference')
                        refs.append(ref.get('value'))
                        check(int(w.get('x', '0')) + int(w['width']) <= 72 and int(w['height']) <= 64,
                              f'widget {w["name"]}: inside the 72-column grid')
        check(len(refs) == len(set(refs)), f'{name}_7.0: widget references unique: {refs}')
    print(f'zabbix-7.0: {passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
