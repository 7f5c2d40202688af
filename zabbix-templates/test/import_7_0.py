#!/usr/bin/env python3
"""Imports the native 7.0 exports into a real Zabbix 7.0 frontend API (test/import_7_0.sh starts one).

Logs in as the README shows (username; the token as an Authorization: Bearer header from 6.4 on), imports
vigil_customer_by_http_7.0.yaml, vigil_by_http_7.0.yaml and vigil_exporter_by_http_7.0.yaml with the 6.2+
rules (template_groups, host_groups), twice each (the second import is what an upgrade does), and compares
what 7.0 made of them with the files: templates, items, discovery rules, prototypes, host prototypes,
dashboards. Prints "zabbix-7.0-import: N passed, M failed".
Usage: import_7_0.py API_URL
"""
import os
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check import Api, Result  # noqa: E402

BASE = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
FILES = ('vigil_customer_by_http_7.0.yaml', 'vigil_by_http_7.0.yaml', 'vigil_exporter_by_http_7.0.yaml')
RULES = {
    'template_groups': {'createMissing': True, 'updateExisting': True},
    'host_groups': {'createMissing': True, 'updateExisting': True},
    'templates': {'createMissing': True, 'updateExisting': True},
    'templateDashboards': {'createMissing': True, 'updateExisting': True, 'deleteMissing': True},
    'templateLinkage': {'createMissing': True},
    'items': {'createMissing': True, 'updateExisting': True, 'deleteMissing': True},
    'discoveryRules': {'createMissing': True, 'updateExisting': True, 'deleteMissing': True},
    'triggers': {'createMissing': True, 'updateExisting': True, 'deleteMissing': True},
    'graphs': {'createMissing': True, 'updateExisting': True, 'deleteMissing': True},
    'valueMaps': {'createMissing': True, 'updateExisting': True, 'deleteMissing': True},
}


def main():
    api, r = Api(sys.argv[1]), Result()
    version, major = api.login('Admin', 'zabbix')
    print(f'Zabbix API {version}')
    r.check(major == (7, 0), f'a 7.0 frontend (got {version})')
    for name in FILES:
        with open(os.path.join(BASE, name), encoding='utf-8') as f:
            source = f.read()
        for attempt in ('import', 're-import'):
            try:
                r.check(api.call('configuration.import', {'format': 'yaml', 'rules': RULES, 'source': source}) is True,
                        f'{name}: {attempt}')
            except RuntimeError as e:
                r.check(False, f'{name}: {attempt} failed: {e}')
        for t in yaml.safe_load(source)['zabbix_export']['templates']:
            got = api.call('template.get', {'filter': {'host': t['template']}, 'output': ['templateid']})
            if not r.check(len(got) == 1, f'{t["template"]}: exists after import'):
                continue
            tid = got[0]['templateid']
            rules = t.get('discovery_rules', [])
            drids = [d['itemid'] for d in api.call('discoveryrule.get', {'templateids': [tid], 'output': ['itemid']})]
            calls = {  # what: (method, params, how many the file has)
                'items': ('item.get', {'templateids': [tid]}, len(t.get('items', []))),
                'discovery rules': ('discoveryrule.get', {'templateids': [tid]}, len(rules)),
                'triggers': ('trigger.get', {'templateids': [tid]},
                             sum(len(i.get('triggers', [])) for i in t.get('items', []))),
                'macros': ('usermacro.get', {'hostids': [tid]}, len(t.get('macros', []))),
                'value maps': ('valuemap.get', {'hostids': [tid]}, len(t.get('valuemaps', []))),
                'dashboards': ('templatedashboard.get', {'templateids': [tid]}, len(t.get('dashboards', []))),
                'item prototypes': ('itemprototype.get', {'templateids': [tid]},
                                    sum(len(x.get('item_prototypes', [])) for x in rules)),
                'trigger prototypes': ('triggerprototype.get', {'templateids': [tid]},
                                       sum(len(x.get('trigger_prototypes', [])) for x in rules)),
                'graph prototypes': ('graphprototype.get', {'templateids': [tid]},
                                     sum(len(x.get('graph_prototypes', [])) for x in rules)),
                'host prototypes': ('hostprototype.get', {'discoveryids': drids},
                                    sum(len(x.get('host_prototypes', [])) for x in rules)),
            }
            have = {w: int(api.call(m, dict(p, countOutput=True))) for w, (m, p, _) in calls.items()}
            want = {w: n for w, (_, _, n) in calls.items()}
            r.check(have == want, f'{t["template"]}: 7.0 holds what the file has: {have} vs {want}')
            print(f'{t["template"]}: {have}')
    print(f'zabbix-7.0-import: {r.passed} passed, {r.failed} failed')
    return 0 if r.failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
