#!/usr/bin/env python3
"""Checks the shipped Zabbix templates against the conventions of Zabbix's official templates
(the Zabbix template guidelines, and templates such as "Veeam Backup and Replication by HTTP"):

- template tags class and target; key macros ({$...KEY}) are Secret text without a value;
- every item and item prototype has a `component` tag; prototypes of discovered devices and jobs carry
  `device` / `job` tags with the discovered value;
- every trigger and trigger prototype has operational data, no {ITEM.LASTVALUE}/{ITEM.VALUE} in its name,
  a `scope` tag with a standard value; Warning and Information ones, and those of a failed or warning
  job, may be closed by hand (manual_close);
- every HTTP agent master item keeps no history and accepts any HTTP status, and a dependent item carries
  the error body with a trigger ("refused the read"), which the no-data trigger depends on, so a 401
  raises a problem at the next poll instead of after the no-data timeout.

Usage: check_conventions.py [TEMPLATE.yaml ...]   (default: every template beside this folder)
Prints one line per breach; exit 1 if there is any.
"""
import glob
import os
import re
import sys

import yaml

SCOPES = {'availability', 'capacity', 'performance', 'notice', 'security'}


def tag_values(obj, tag):
    return [t.get('value', '') for t in obj.get('tags', []) if t['tag'] == tag]


def check_template(path, t, out):
    where = f'{os.path.basename(path)}: {t["template"]}'

    def bad(msg):
        out.append(f'{where}: {msg}')

    for tag in ('class', 'target'):
        if not tag_values(t, tag):
            bad(f'template tag "{tag}" missing')
    for m in t.get('macros', []):
        # {$VIGIL.CUSTOMER.HOSTS.KEY} is text on purpose: Zabbix shows secret macros to the script that hands
        # the key on to the customer hosts as ******, and those hosts keep it as a secret macro
        if (m['macro'].endswith('KEY}') and m['macro'] != '{$VIGIL.CUSTOMER.HOSTS.KEY}'
                and (m.get('type') != 'SECRET_TEXT' or m.get('value'))):
            bad(f'{m["macro"]} is not a Secret text macro without a value')

    items = list(t.get('items', []))
    triggers = [tr for it in items for tr in it.get('triggers', [])] + list(t.get('triggers', []))
    for rule in t.get('discovery_rules', []):
        for proto in rule.get('item_prototypes', []):
            items.append(proto)
            for label, macro in (('device', '{#DEVICE}'), ('job', '{#JOB}')):
                if macro in proto['key'] and macro not in tag_values(proto, label):
                    bad(f'item prototype {proto["key"]}: no "{label}" tag with {macro}')
            triggers += proto.get('trigger_prototypes', [])
        triggers += rule.get('trigger_prototypes', [])
    for it in items:
        if not tag_values(it, 'component'):
            bad(f'item {it["key"]}: no "component" tag')

    for tr in triggers:
        name = tr['name']
        if not tr.get('opdata') and not tr.get('event_name'):
            bad(f'trigger "{name}": no operational data')
        if re.search(r'\{ITEM\.(LAST)?VALUE', name):
            bad(f'trigger "{name}": a value in its name (use operational data)')
        scopes = tag_values(tr, 'scope')
        if not scopes or not set(scopes) <= SCOPES:
            bad(f'trigger "{name}": scope tag {scopes}, expected one of {sorted(SCOPES)}')
        closable = tr.get('priority') in ('WARNING', 'INFO') or re.search(r'\b(failed|warning)\b', name)
        if closable and tr.get('manual_close') != 'YES':
            bad(f'trigger "{name}" ({tr.get("priority")}): not closable by hand (manual_close)')

    by_master = {}
    for it in items:
        if it.get('type') == 'DEPENDENT':
            by_master.setdefault(it['master_item']['key'], []).append(it)
    for master in (it for it in t.get('items', []) if it.get('type') == 'HTTP_AGENT'):
        key = master['key']
        if master.get('history') != '0':
            bad(f'master item {key}: keeps history ({master.get("history")}); the official templates keep none')
        if master.get('status_codes') != '':
            bad(f'master item {key}: a refused read (401, 403...) makes it not supported instead of reaching '
                f'an error item (set status_codes to "")')
        errors = [tr for it in by_master.get(key, []) for tr in it.get('triggers', [])
                  if 'refused the read' in tr['name']]
        if not errors:
            bad(f'master item {key}: no dependent error item with a "refused the read" trigger')
            continue
        for tr in triggers:
            if 'nodata(' in tr['expression'] and not any(d['name'] == errors[0]['name'] for d in tr.get('dependencies', [])):
                bad(f'trigger "{tr["name"]}": does not depend on "{errors[0]["name"]}"')


def main(paths):
    here = os.path.dirname(os.path.abspath(__file__))
    paths = paths or sorted(glob.glob(os.path.join(here, '..', '*.yaml')))
    out = []
    for path in paths:
        with open(path, encoding='utf-8') as f:
            doc = yaml.safe_load(f)
        for t in doc['zabbix_export']['templates']:
            check_template(path, t, out)
    for line in out:
        print(line)
    print(f'conventions: {len(paths)} files, {len(out)} breaches')
    return 1 if out else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
