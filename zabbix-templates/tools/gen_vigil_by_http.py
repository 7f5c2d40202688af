#!/usr/bin/env python3
"""Generates ../vigil_by_http.yaml (Zabbix 6.0 export format).

The YAML is the shipped artifact; this script keeps its ~40 prototypes consistent
(keys, Prometheus patterns, tags, uuids). Edit here, then run:

    python3 zabbix-templates/tools/gen_vigil_by_http.py          # rewrite the YAML
    python3 zabbix-templates/tools/gen_vigil_by_http.py --check  # exit 1 if it is stale

UUIDs are derived from stable names (version-4 shaped, as Zabbix requires), so
regenerating gives the same file and re-imports update objects in place.
Needs PyYAML (Debian: python3-yaml).
"""
import hashlib
import os
import sys

import yaml

T = 'Vigil by HTTP'
UID_SALT = ''  # the customer template and the test's tenant-first variant change it
TC = 'Vigil customer by HTTP'  # linked to the per-customer hosts (host prototypes)
CUSTOMER_MODE = False  # True while building TC: no connectors, fleet counts or customer hosts
CUSTOMERS_GROUP = 'Vigil customers'  # host group of every discovered customer host
RAW = 'vigil.get_metrics'
MASTER = 'vigil.metrics'  # the raw read when it is Prometheus text; every item and rule depends on it
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'vigil_by_http.yaml')
OUT_CUSTOMER = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'vigil_customer_by_http.yaml')


def uid(*parts):
    """Stable UUIDv4-shaped id (Zabbix checks the version and variant bits)."""
    b = bytearray(hashlib.sha1('/'.join(('vigil' + UID_SALT,) + parts).encode()).digest()[:16])
    b[6] = (b[6] & 0x0F) | 0x40
    b[8] = (b[8] & 0x3F) | 0x80
    return b.hex()


class Literal(str):
    pass


yaml.SafeDumper.add_representer(
    Literal, lambda d, s: d.represent_scalar('tag:yaml.org,2002:str', s, style='|'))


def tags(*pairs):
    return [{'tag': t, 'value': v} for t, v in pairs]


ENTITY_TAGS = [('tenant', 'tenant', '{#TENANT}'), ('customer', 'customer', '{#CUSTOMER}'),
               ('device', 'device', '{#DEVICE}'), ('backup_job', 'job', '{#JOB}'),
               ('connector', 'connector', '{#CONNECTOR}')]


def entity_tags(labels):
    return [(tag, macro) for label, tag, macro in ENTITY_TAGS if label in labels]


def last(key):
    return f'last(/{T}/{key})'


# --------------------------------------------------------------------------------------------
# Discovery rules. Each one: a Prometheus family whose series (one per entity) become LLD rows.
# --------------------------------------------------------------------------------------------
LABEL_MACROS = {
    'tenant': '{#TENANT}', 'customer': '{#CUSTOMER}', 'device': '{#DEVICE}', 'backup_job': '{#JOB}',
    'connector': '{#CONNECTOR}', 'folder': '{#FOLDER}', 'volume': '{#VOLUME}', 'error': '{#ERROR}',
}


def lld_js(labels):
    """Prometheus-to-JSON rows -> one object per distinct label set (values dropped), sorted.

    Dropping the values makes the output change only when entities appear or vanish, so the
    "discard unchanged with heartbeat" step after it keeps LLD cheap on big fleets."""
    keys = ', '.join(f"'{l}'" for l in labels)
    return Literal(
        f"var keys = [{keys}], seen = {{}}, rows = [];\n"
        "JSON.parse(value).forEach(function (m) {\n"
        "    var row = {}, id = [];\n"
        "    keys.forEach(function (k) {\n"
        "        row[k] = (m.labels && m.labels[k] !== undefined) ? m.labels[k] : '';\n"
        "        id.push(row[k]);\n"
        "    });\n"
        "    id = JSON.stringify(id);\n"
        "    if (!seen[id]) {\n"
        "        seen[id] = true;\n"
        "        rows.push([id, row]);\n"
        "    }\n"
        "});\n"
        "rows.sort(function (a, b) { return a[0] < b[0] ? -1 : (a[0] > b[0] ? 1 : 0); });\n"
        "return JSON.stringify(rows.map(function (r) { return r[1]; }));\n")


# Most selective label first: Zabbix indexes a master value's series by the first label of the
# patterns of its dependent items; tenant (one value per host) first makes that index useless.
SELECTIVITY = ['device', 'folder', 'backup_job', 'volume', 'error', 'customer', 'connector', 'tenant']


def selector(labels, extra=''):
    inner = ','.join(f'{l}="{LABEL_MACROS[l]}"' for l in sorted(labels, key=SELECTIVITY.index))
    return '{' + inner + extra + '}'


def key_args(labels):
    return '[' + ','.join(LABEL_MACROS[l] for l in labels) + ']'


HEARTBEAT = {'type': 'DISCARD_UNCHANGED_HEARTBEAT', 'parameters': ['1h']}  # slow-changing settings


def prom_value(metric, labels, error=None):
    step = {'type': 'PROMETHEUS_PATTERN',
            'parameters': [metric + selector(labels), 'value', '']}
    if error is not None:
        step['error_handler'] = 'CUSTOM_VALUE'
        step['error_handler_params'] = error
    return step


AGE_JS = Literal(
    "// Age in seconds of a Unix timestamp, measured on the Zabbix server's clock.\n"
    "var ts = parseFloat(value);\n"
    "if (isNaN(ts)) {\n"
    "    throw 'not a timestamp: ' + value;\n"
    "}\n"
    "return Math.max(0, Math.round(Date.now() / 1000 - ts));\n")

ERROR_BODY_JS = Literal(
    "// Prometheus text starts with '#' or a metric name; the exporter's errors are JSON, a proxy's HTML.\n"
    "// search() stops at the first non-blank character, so the check costs the same on a read of any size\n"
    "// (Duktape tries a /^.../ regex at every position of the string). A blank read is an error too.\n"
    "function isError(v) {\n    var i = v.search(/\\S/);\n    return i < 0 || v.charAt(i) === '{' || v.charAt(i) === '<';\n}\n")

# The status label to its code with plain string steps (no JavaScript: a JavaScript step per job and poll
# cost more preprocessing time than the Prometheus pattern itself). An unknown status stays text and makes
# the numeric item not supported, as the script's throw did.
STATUS_CODES = {'ok': 0, 'warning': 1, 'failed': 2, 'overdue': 3, 'missed': 4}
STATUS_STEPS = [{'type': 'STR_REPLACE', 'parameters': [label, str(code)]} for label, code in STATUS_CODES.items()]



def item_proto(rule, slug, name, labels, steps, *, units='', value_type='FLOAT', valuemap=None,
               description='', component, extra_tags=(), triggers=None, history='7d', trends=None,
               itype='DEPENDENT', params=None, delay=None):
    key = f'vigil.{slug}{key_args(labels)}'
    it = {'uuid': uid(rule, 'item', slug), 'name': name, 'type': itype, 'key': key}
    it['delay'] = '0' if itype == 'DEPENDENT' else delay
    it['history'] = history
    if trends is not None:
        it['trends'] = trends
    it['value_type'] = value_type
    if units:
        it['units'] = units
    if params:
        it['params'] = params
    if description:
        it['description'] = description
    if valuemap:
        it['valuemap'] = {'name': valuemap}
    if steps:
        it['preprocessing'] = steps
    if itype == 'DEPENDENT':
        it['master_item'] = {'key': MASTER}
    t = [('component', component)] + entity_tags(labels)
    t.extend(x for x in extra_tags if x not in t)
    it['tags'] = tags(*t)
    return it, key


def trig(rule, slug, name, expression, priority, description, *, labels, scope, opdata='',
         deps=(), manual_close=False, recovery=None):
    t = {'uuid': uid(rule, 'trigger', slug), 'expression': expression, 'name': name}
    opdata = opdata or 'Current value: {ITEM.LASTVALUE1}'
    manual_close = manual_close or priority in ('WARNING', 'INFO')
    if recovery:
        t['recovery_mode'] = 'RECOVERY_EXPRESSION'
        t['recovery_expression'] = recovery
    if opdata:
        t['opdata'] = opdata
    t['priority'] = priority
    t['description'] = description
    if manual_close:
        t['manual_close'] = 'YES'
    if deps:
        t['dependencies'] = [dict({'name': n, 'expression': e}, **({'recovery_expression': rc} if rc else {}))
                             for n, e, rc in deps]
    tg = [('scope', scope)] + entity_tags(labels)
    t['tags'] = tags(*tg)
    return t


def graph(rule, slug, name, items, *, gtype=None):
    colors = ['1A7C11', 'F63100', '2774A4', 'A54F10', 'FC6EA3', '6C59DC']
    g = {'uuid': uid(rule, 'graph', slug), 'name': name}
    if gtype:
        g['type'] = gtype
    gi = []
    for i, (key, extra) in enumerate(items):
        e = {'sortorder': str(i)} if i else {}
        e.update(extra)
        e['color'] = colors[i % len(colors)]
        e['item'] = {'host': T, 'key': key}
        gi.append(e)
    g['graph_items'] = gi
    return g


def lld_rule(slug, name, family, labels, description, items, triggers, graphs, *, filters=(),
             overrides=None, rows=''):
    """rows: a label filter that keeps one series per entity of a family with a series per entity and label
    value (vigil_job_status has one per status): the script after it then handles a fifth of the rows."""
    rule = {'uuid': uid(slug, 'rule'), 'name': name, 'type': 'DEPENDENT',
            'key': f'vigil.{slug}.discovery', 'delay': '0'}
    if filters:
        conds = []
        for i, (macro, value, op) in enumerate(filters):
            c = {'macro': macro, 'value': value}
            if op:
                c['operator'] = op
            c['formulaid'] = chr(ord('A') + i)
            conds.append(c)
        rule['filter'] = {'evaltype': 'AND', 'conditions': conds}
    rule['lifetime'] = '{$VIGIL.LLD.LIFETIME}'
    rule['description'] = description
    rule['item_prototypes'] = items
    if triggers:
        rule['trigger_prototypes'] = triggers
    if graphs:
        rule['graph_prototypes'] = graphs
    rule['master_item'] = {'key': MASTER}
    rule['lld_macro_paths'] = [{'lld_macro': LABEL_MACROS[l], 'path': f"$['{l}']"} for l in labels]
    rule['preprocessing'] = [
        {'type': 'PROMETHEUS_TO_JSON', 'parameters': [family + rows]},
        {'type': 'JAVASCRIPT', 'parameters': [lld_js(labels)]},
        {'type': 'DISCARD_UNCHANGED_HEARTBEAT', 'parameters': ['{$VIGIL.LLD.HEARTBEAT}']},
    ]
    if overrides:
        rule['overrides'] = overrides
    return rule


def customer_filter():
    f = [('{#CUSTOMER}', '{$VIGIL.LLD.FILTER.CUSTOMER.MATCHES}', None),
         ('{#CUSTOMER}', '{$VIGIL.LLD.FILTER.CUSTOMER.NOT_MATCHES}', 'NOT_MATCHES_REGEX')]
    if not CUSTOMER_MODE:  # a customer with its own host is monitored there, not twice
        f.append(('{#CUSTOMER}', '{$VIGIL.CUSTOMER.HOSTS.MATCHES}', 'NOT_MATCHES_REGEX'))
    return f


# ---------------------------------------------------------------- per-customer hosts
CUSTOMER_HOSTS_JS = Literal(
    "// One row per customer: the host prototype's names, and the tenant host's URL, customer hosts' key and\n"
    "// interval (user macros are resolved in the script before it runs; a secret one would read ******).\n"
    "var url = '{$VIGIL.URL}', key = '{$VIGIL.CUSTOMER.HOSTS.KEY}', every = '{$VIGIL.INTERVAL}', seen = {}, rows = [];\n"
    "function clean(s) { return s.replace(/[^0-9A-Za-z._ -]/g, '_').substring(0, 48); }\n"
    "function hash(s) {\n"
    "    var h = 2166136261;\n"
    "    for (var i = 0; i < s.length; i++) { h = ((h ^ s.charCodeAt(i)) * 16777619) >>> 0; }\n"
    "    return ('0000000' + h.toString(16)).slice(-8);\n"
    "}\n"
    "JSON.parse(value).forEach(function (m) {\n"
    "    var c = m.labels && m.labels.customer, t = (m.labels && m.labels.tenant) || '';\n"
    "    if (!c || seen[c]) { return; }\n"
    "    seen[c] = true;\n"
    "    rows.push({'{#TENANT}': t, '{#CUSTOMER}': c,\n"
    "        '{#CUSTOMER.HOST}': 'vigil ' + clean(t) + ' ' + clean(c) + ' ' + hash(t + '/' + c),\n"
    "        '{#CUSTOMER.REGEX}': '^' + c.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&') + '$',\n"
    "        '{#VIGIL.URL}': url, '{#VIGIL.KEY}': key, '{#VIGIL.INTERVAL}': every});\n"
    "});\n"
    "rows.sort(function (a, b) { return a['{#CUSTOMER}'] < b['{#CUSTOMER}'] ? -1 : 1; });\n"
    "return JSON.stringify(rows);\n")


def customer_hosts_rule():
    """Issue #19 item 6: one Zabbix host per customer (matching {$VIGIL.CUSTOMER.HOSTS.MATCHES}), linked
    to TC and in a host group of its own, so permissions and maintenance can be set per customer."""
    # vigil_job_grace_seconds: one series per job (vigil_job_status has one per job and status)
    families = 'job_grace_seconds|device_up|device_error_active|chain_depth|folder_unmanaged|customer_quota_bytes'
    proto = {
        'uuid': uid('customer_hosts', 'host'), 'host': '{#CUSTOMER.HOST}',
        'name': 'Vigil customer {#CUSTOMER} ({#TENANT})',
        'group_links': [{'group': {'name': CUSTOMERS_GROUP}}],
        'group_prototypes': [{'name': 'Vigil customers/{#TENANT}/{#CUSTOMER}'}],
        'templates': [{'name': TC}],
        'macros': [
            {'macro': '{$VIGIL.URL}', 'value': '{#VIGIL.URL}', 'description': 'The tenant host\'s URL.'},
            {'macro': '{$VIGIL.KEY}', 'type': 'SECRET_TEXT', 'value': '{#VIGIL.KEY}',
             'description': 'The tenant host\'s {$VIGIL.CUSTOMER.HOSTS.KEY}.'},
            {'macro': '{$VIGIL.INTERVAL}', 'value': '{#VIGIL.INTERVAL}'},
            {'macro': '{$VIGIL.LLD.FILTER.CUSTOMER.MATCHES}', 'value': '{#CUSTOMER.REGEX}',
             'description': 'Only this customer.'}],
        'tags': tags(('tenant', '{#TENANT}'), ('customer', '{#CUSTOMER}'))}
    return {
        'uuid': uid('customer_hosts', 'rule'), 'name': 'Customer hosts discovery', 'type': 'DEPENDENT',
        'key': 'vigil.customer_hosts.discovery', 'delay': '0',
        'filter': {'evaltype': 'AND', 'conditions': [
            {'macro': '{#CUSTOMER}', 'value': '{$VIGIL.CUSTOMER.HOSTS.MATCHES}', 'formulaid': 'A'}]},
        'lifetime': '{$VIGIL.LLD.LIFETIME}',
        'description': 'One host per customer matching {$VIGIL.CUSTOMER.HOSTS.MATCHES} (none by default), '
                       'linked to "Vigil customer by HTTP", which reads the same endpoint with this host\'s '
                       'URL and key and discovers only that customer. The customer\'s jobs, devices, '
                       'chains, folders and quota are then left out of this host.',
        'host_prototypes': [proto],
        'master_item': {'key': MASTER},
        'preprocessing': [
            {'type': 'PROMETHEUS_TO_JSON', 'parameters': ['{__name__=~"^vigil_(' + families + ')$"}']},
            {'type': 'JAVASCRIPT', 'parameters': [CUSTOMER_HOSTS_JS]},
            {'type': 'DISCARD_UNCHANGED_HEARTBEAT', 'parameters': ['{$VIGIL.LLD.HEARTBEAT}']}]}


# ---------------------------------------------------------------- jobs
def jobs_rule():
    r = 'jobs'
    L = ['tenant', 'customer', 'device', 'backup_job']
    who = 'Job "{#JOB}" on {#DEVICE} ({#CUSTOMER})'
    items, k = [], {}

    def add(slug, *a, **kw):
        it, key = item_proto(r, slug, *a, component='job', **kw)
        items.append(it)
        k[slug] = key

    add('job.since_last_success', f'{who}: Time since last success', L,
        [prom_value('vigil_job_since_last_success_seconds', L)], units='s',
        description='vigil_job_since_last_success_seconds: now minus the end of the newest successful '
                    'run; before the first success, now minus first seen.')
    add('job.grace', f'{who}: Grace period', L, [prom_value('vigil_job_grace_seconds', L), HEARTBEAT], units='s',
        description='vigil_job_grace_seconds: the job\'s own grace period (monitoring priority).')
    add('job.last_success', f'{who}: Last success', L,
        [prom_value('vigil_job_last_success_timestamp_seconds', L, error='0')], units='unixtime',
        description='vigil_job_last_success_timestamp_seconds; 0 while the job has never succeeded '
                    '(the series is absent until the first success).')
    add('job.status', f'{who}: Status', L,
        [{'type': 'PROMETHEUS_PATTERN',
          'parameters': ['vigil_job_status' + selector(L) + ' == 1', 'label', 'status']},
         *STATUS_STEPS],
        value_type='UNSIGNED', valuemap='Vigil job status',
        description='The one-hot vigil_job_status{status=...} folded into one value: '
                    '0 ok, 1 warning, 2 failed, 3 overdue, 4 missed (scheduled jobs).')
    add('job.missed_runs', f'{who}: Missed runs', L,
        [prom_value('vigil_job_missed_runs_total', L, error='-1')], value_type='FLOAT',
        description='vigil_job_missed_runs_total: expected runs missed since the newest run, for a job with a '
                    'schedule; -1 for a job without one (the series is absent). A scheduled job is judged by its '
                    'schedule, never overdue, so the overdue triggers need -1 here.')
    add('job.consecutive_failures', f'{who}: Consecutive failures', L,
        [prom_value('vigil_job_consecutive_failures', L)], value_type='UNSIGNED',
        description='vigil_job_consecutive_failures: failed runs in a row, newest first.')
    add('job.last_run_duration', f'{who}: Last run duration', L,
        [prom_value('vigil_job_last_run_duration_seconds', L)], units='s',
        description='vigil_job_last_run_duration_seconds: length of the newest run.')
    add('job.last_run_bytes', f'{who}: Last run size', L,
        [prom_value('vigil_job_last_run_bytes', L)], units='B',
        description='vigil_job_last_run_bytes: bytes of the newest run.')
    add('job.device_up', f'{who}: Device availability', L,
        [{'type': 'PROMETHEUS_PATTERN',
          'parameters': ['vigil_device_up' + selector(['tenant', 'customer', 'device']), 'value', ''],
          'error_handler': 'CUSTOM_VALUE', 'error_handler_params': '1'}],
        value_type='UNSIGNED', valuemap='Vigil device availability',
        description='vigil_device_up of the device this job runs on, or 1 when that device does '
                    'not heartbeat. Used to keep this job\'s triggers quiet while the device is '
                    'unavailable (the device trigger of the "Devices" rule fires instead).')

    dev_ok = f"{last(k['job.device_up'])}=1"
    since, grace = k['job.since_last_success'], k['job.grace']

    def held(key, macro, op, value):
        """The condition "key op value" held over the whole window (the for: of the Prometheus rule)."""
        fn = {'>': 'min', '>=': 'min', '<': 'max', '=': None}[op]
        if fn:
            return f"{fn}(/{T}/{key},{macro}){op}{value}"
        return f"min(/{T}/{key},{macro})={value} and max(/{T}/{key},{macro})={value}"
    gmin = '{$VIGIL.JOB.GRACE.MIN:"{#JOB}"}'
    late = (f"{held(since, '{$VIGIL.JOB.OVERDUE.FOR}', '>', last(grace))}"
            f" and {held(since, '{$VIGIL.JOB.OVERDUE.FOR}', '>', gmin)}")
    unscheduled = f"{last(k['job.missed_runs'])}<0"
    overdue_expr = f"{late} and {unscheduled} and {dev_ok}"
    never_expr = f"{late} and {last(k['job.last_success'])}=0 and {unscheduled} and {dev_ok}"
    fmax = '{$VIGIL.JOB.FAILURES.MAX:"{#CUSTOMER}"}'
    repeat_expr = f"{held(k['job.consecutive_failures'], '{$VIGIL.JOB.FAILED.FOR}', '>=', fmax)} and {dev_ok}"
    failed_expr = f"{held(k['job.status'], '{$VIGIL.JOB.FAILED.FOR}', '=', 2)} and {dev_ok}"
    warning_expr = f"{held(k['job.status'], '{$VIGIL.JOB.FAILED.FOR}', '=', 1)} and {dev_ok}"
    missed_expr = f"{held(k['job.status'], '{$VIGIL.JOB.FAILED.FOR}', '=', 4)} and {dev_ok}"
    # Recovery only when the job's own condition has cleared: a device going down keeps new
    # problems from opening (dev_ok above) but never resolves an open one.
    overdue_ok = f"{last(since)}<={last(grace)} or {last(since)}<={gmin} or {last(k['job.missed_runs'])}>=0"
    never_ok = f"{overdue_ok} or {last(k['job.last_success'])}>0"
    repeat_ok = f"{last(k['job.consecutive_failures'])}<{fmax}"
    failed_ok = f"{last(k['job.status'])}<>2"
    warning_ok = f"{last(k['job.status'])}<>1"
    missed_ok = f"{last(k['job.status'])}<>4"
    n_never = f'Vigil: {who} never succeeded'
    n_over = f'Vigil: {who} is overdue'
    n_rep = f'Vigil: {who} failed repeatedly'
    n_fail = f'Vigil: {who} failed'
    suppress = (' Not raised while the job\'s device is unavailable (the device trigger, VigilDeviceUnavailable, '
                'is raised instead); a problem already open stays open until the job itself recovers.')
    triggers = [
        trig(r, 'never_succeeded', n_never, never_expr, 'HIGH',
             'Matches VigilJobNeverSucceeded: the job has had no successful run since it was first '
             'seen, for longer than its grace period, for {$VIGIL.JOB.OVERDUE.FOR}.' + suppress,
             labels=L, scope='availability', recovery=never_ok, manual_close=True,
             opdata='First seen: {ITEM.LASTVALUE1} ago, grace: {ITEM.LASTVALUE2}'),
        trig(r, 'overdue', n_over, overdue_expr, 'HIGH',
             'Matches VigilJobOverdue: time since the last successful run has been longer than the job\'s '
             'OWN grace period (vigil_job_since_last_success_seconds > vigil_job_grace_seconds) for '
             '{$VIGIL.JOB.OVERDUE.FOR}.' + suppress, labels=L, scope='availability', recovery=overdue_ok,
             opdata='Since last success: {ITEM.LASTVALUE1}, grace: {ITEM.LASTVALUE2}', manual_close=True,
             deps=[(n_never, never_expr, never_ok)]),
        trig(r, 'missed', f'Vigil: {who} missed its expected run', missed_expr, 'HIGH',
             'Matches VigilJobMissed: the job has a schedule and its newest expected run has no result by the end '
             'of its window plus grace (the exporter judges the schedule).' + suppress, labels=L,
             recovery=missed_ok, scope='availability', manual_close=True, opdata='Status: {ITEM.LASTVALUE1}'),
        trig(r, 'repeatedly_failing', n_rep, repeat_expr, 'HIGH',
             'Matches VigilJobRepeatedlyFailing: at least {$VIGIL.JOB.FAILURES.MAX} failed runs in a '
             'row (the macro takes a customer context).' + suppress, recovery=repeat_ok, manual_close=True,
             labels=L, scope='availability', opdata='Failures in a row: {ITEM.LASTVALUE1}'),
        trig(r, 'failed', n_fail, failed_expr, 'WARNING',
             'Matches VigilJobFailed: the newest run failed.' + suppress, labels=L, recovery=failed_ok,
             scope='availability', manual_close=True, opdata='Status: {ITEM.LASTVALUE1}',
             deps=[(n_over, overdue_expr, overdue_ok), (n_rep, repeat_expr, repeat_ok)]),
        trig(r, 'warning', f'Vigil: {who} ended with warnings', warning_expr, 'INFO',
             'Matches VigilJobWarning: the newest run ended with warnings.' + suppress, labels=L,
             recovery=warning_ok, scope='notice', manual_close=True, opdata='Status: {ITEM.LASTVALUE1}'),
    ]
    graphs = [
        graph(r, 'age', f'{who}: Time since last success and grace',
              [(k['job.since_last_success'], {'drawtype': 'GRADIENT_LINE'}),
               (k['job.grace'], {'drawtype': 'DASHED_LINE'})]),
        graph(r, 'runs', f'{who}: Last run duration and size',
              [(k['job.last_run_duration'], {}), (k['job.last_run_bytes'], {'yaxisside': 'RIGHT'})]),
    ]
    return lld_rule(
        r, 'Backup jobs discovery', 'vigil_job_status', L,
        'One row per backup job (vigil_job_status{status="ok"}, labels tenant, customer, device, backup_job).',
        items, triggers, graphs, rows='{status="ok"}',
        filters=customer_filter() + [('{#JOB}', '{$VIGIL.LLD.FILTER.JOB.MATCHES}', None),
                                     ('{#JOB}', '{$VIGIL.LLD.FILTER.JOB.NOT_MATCHES}', 'NOT_MATCHES_REGEX')])


# ---------------------------------------------------------------- devices
def devices_rule():
    r = 'devices'
    L = ['tenant', 'customer', 'device']
    who = 'Device {#DEVICE} ({#CUSTOMER})'
    items, k = [], {}

    def add(slug, *a, **kw):
        it, key = item_proto(r, slug, *a, component='device', **kw)
        items.append(it)
        k[slug] = key

    add('device.since_last_heartbeat', f'{who}: Time since last heartbeat', L,
        [prom_value('vigil_device_since_last_heartbeat_seconds', L)], units='s',
        description='vigil_device_since_last_heartbeat_seconds: now minus the newest heartbeat.')
    add('device.heartbeat_interval', f'{who}: Heartbeat interval', L,
        [prom_value('vigil_device_heartbeat_interval_seconds', L), HEARTBEAT], units='s',
        description='vigil_device_heartbeat_interval_seconds: declared or configured interval.')
    add('device.up', f'{who}: Availability', L,
        [prom_value('vigil_device_up', L)],
        value_type='UNSIGNED', valuemap='Vigil device availability',
        description='vigil_device_up: 0 once 3 heartbeats in a row are missed.')
    triggers = [
        trig(r, 'unavailable', f'Vigil: {who} is unavailable',
             f"max(/{T}/{k['device.up']},{{$VIGIL.DEVICE.UNAVAILABLE.FOR}})=0", 'HIGH',
             'Matches VigilDeviceUnavailable: the device missed 3 heartbeats in a row '
             '(now - last heartbeat > 3 x interval) for {$VIGIL.DEVICE.UNAVAILABLE.FOR}. The triggers of this device\'s backup jobs are '
             'held back meanwhile.', labels=L, scope='availability'),
    ]
    graphs = [graph(r, 'heartbeat', f'{who}: Heartbeat age and interval',
                    [(k['device.since_last_heartbeat'], {'drawtype': 'GRADIENT_LINE'}),
                     (k['device.heartbeat_interval'], {'drawtype': 'DASHED_LINE'})])]
    return lld_rule(r, 'Devices discovery', 'vigil_device_up', L,
                    'One row per heartbeating device / site server (vigil_device_up).',
                    items, triggers, graphs, filters=customer_filter())


# ---------------------------------------------------------------- device errors
ERROR_SEVERITY = [  # (regex on {#ERROR}, severity, alert rule) - the prototype default is WARNING
    ('^(disk_full|media_db_write_failed|fatal_archive_error)$', 'HIGH'),
    ('^other$', 'INFO'),
]


def device_errors_rule():
    r = 'device_errors'
    L = ['tenant', 'customer', 'device', 'error']
    who = 'Device {#DEVICE} ({#CUSTOMER})'
    it, key = item_proto(
        r, 'device.error', f'{who}: Error {{#ERROR}}', L,
        [prom_value('vigil_device_error_active', L, error='0')],
        value_type='UNSIGNED', valuemap='Vigil error state', component='device-error',
        extra_tags=[('error', '{#ERROR}')],
        description='vigil_device_error_active{error="{#ERROR}"}: 1 while active. A missing series '
                    'counts as cleared.')
    t = trig(r, 'active', f'Vigil: {who}: {{#ERROR}} is active',
             f'min(/{T}/{key},{{$VIGIL.DEVICE.ERROR.FOR:"{{#ERROR}}"}})=1', 'WARNING',
             'Matches the VigilDevice* error alerts (VigilDeviceDiskFull, VigilDeviceCameraUnreachable, '
             '...): the device reports {#ERROR} and has not cleared it. Severity: High for disk_full, '
             'media_db_write_failed and fatal_archive_error, Information for other, Warning otherwise '
             '(set by the rule\'s overrides).', labels=L, scope='availability')
    t['tags'].append({'tag': 'error', 'value': '{#ERROR}'})
    overrides = []
    for i, (regex, sev) in enumerate(ERROR_SEVERITY):
        overrides.append({
            'name': f'Severity {sev.lower()}', 'step': str(i + 1),
            'filter': {'conditions': [{'macro': '{#ERROR}', 'value': regex, 'formulaid': 'A'}]},
            'operations': [{'operationobject': 'TRIGGER_PROTOTYPE', 'operator': 'LIKE',
                            'value': 'is active', 'severity': sev}]})
    filters = customer_filter() + [('{#ERROR}', '{$VIGIL.LLD.FILTER.ERROR.MATCHES}', None)]
    return lld_rule(r, 'Device errors discovery', 'vigil_device_error_active', L,
                    'One row per device and error kind (vigil_device_error_active{error}).',
                    [it], [t], [], filters=filters, overrides=overrides)


# ---------------------------------------------------------------- chains
def chains_rule():
    r = 'chains'
    L = ['tenant', 'customer', 'connector', 'folder', 'volume']
    who = 'Chain {#FOLDER}/{#VOLUME} ({#CUSTOMER})'
    items, k = [], {}

    def add(slug, *a, **kw):
        it, key = item_proto(r, slug, *a, component='chain', extra_tags=[('connector', '{#CONNECTOR}')],
                             **kw)
        items.append(it)
        k[slug] = key

    add('chain.depth', f'{who}: Depth', L,
        [prom_value('vigil_chain_depth', L)],
        value_type='UNSIGNED', description='vigil_chain_depth: images from the base to the newest.')
    add('chain.usage', f'{who}: Usage', L, [prom_value('vigil_chain_usage_bytes', L)], units='B',
        description='vigil_chain_usage_bytes: bytes of the images needed to reach the newest image.')
    add('chain.retention', f'{who}: Retention', L, [prom_value('vigil_chain_retention_bytes', L)],
        units='B', description='vigil_chain_retention_bytes: bytes of images not needed for that.')
    add('chain.broken', f'{who}: Broken', L,
        [prom_value('vigil_chain_broken', L)],
        value_type='UNSIGNED', valuemap='Vigil chain state',
        description='vigil_chain_broken: 1 when an image\'s parent is missing.')
    add('chain.newest_image_age', f'{who}: Age of the newest image', L,
        [prom_value('vigil_chain_newest_image_timestamp_seconds', L),
         {'type': 'JAVASCRIPT', 'parameters': [AGE_JS]}], units='s',
        description='Now (Zabbix server clock) minus vigil_chain_newest_image_timestamp_seconds.')
    add('chain.grace', f'{who}: Grace period', L, [prom_value('vigil_chain_grace_seconds', L), HEARTBEAT], units='s',
        description='vigil_chain_grace_seconds: the monitoring priority of the volume; the newest image '
                    'is overdue once older than this.')
    add('chain.retention_unexpected', f'{who}: Retention policy', L,
        [prom_value('vigil_chain_retention_unexpected', L, error='0')],
        value_type='UNSIGNED', valuemap='Vigil retention state',
        description='vigil_chain_retention_unexpected: 1 when a chain of the volume breaks the '
                    'connector\'s retention policy. A missing series counts as expected.')
    add('chain.unverified_images', f'{who}: Images without .md5', L,
        [prom_value('vigil_chain_unverified_images', L)],
        value_type='UNSIGNED',
        description='vigil_chain_unverified_images: image files of the chain without their .md5 file; '
                    'ImageManager treats them as corrupt.')
    add('chain.verification_failed', f'{who}: Verification', L,
        [prom_value('vigil_chain_verification_failed', L)],
        value_type='UNSIGNED', valuemap='Vigil verification state',
        description='vigil_chain_verification_failed: 1 when a bad.log exists for the chain (ImageManager\'s '
                    'verification failed).')
    triggers = [
        trig(r, 'broken', f'Vigil: {who} is broken', f"min(/{T}/{k['chain.broken']},{{$VIGIL.CHAIN.BROKEN.FOR}})=1",
             'HIGH',
             'Matches VigilChainBroken: an image\'s parent is missing; the volume cannot be restored '
             'past that point.', labels=L, scope='availability'),
        trig(r, 'too_deep', f'Vigil: {who} is too deep',
             f"min(/{T}/{k['chain.depth']},{{$VIGIL.CHAIN.DEPTH.FOR}})>{{$VIGIL.CHAIN.DEPTH.MAX:\"{{#CUSTOMER}}\"}}",
             'WARNING',
             'Matches VigilChainTooDeep: more than {$VIGIL.CHAIN.DEPTH.MAX} images from base to newest; '
             'consolidation is probably not running.', labels=L, scope='capacity',
             opdata='Depth: {ITEM.LASTVALUE1}'),
        trig(r, 'no_new_image', f'Vigil: {who}: no new image',
             f"min(/{T}/{k['chain.newest_image_age']},{{$VIGIL.CHAIN.OVERDUE.FOR}})>last(/{T}/{k['chain.grace']})",
             'HIGH',
             'Matches VigilChainNewestImageOverdue: the newest image has been older than the chain\'s own '
             'grace (vigil_chain_grace_seconds, the monitoring priority of its volume) for '
             '{$VIGIL.CHAIN.OVERDUE.FOR}.', labels=L, scope='availability',
             opdata='Newest image: {ITEM.LASTVALUE1} ago, grace: {ITEM.LASTVALUE2}'),
        trig(r, 'retention_unexpected', f'Vigil: {who}: retention breaks the policy',
             f"min(/{T}/{k['chain.retention_unexpected']},{{$VIGIL.CHAIN.RETENTION.FOR}})=1", 'WARNING',
             'vigil_chain_retention_unexpected: a chain of the volume breaks the connector\'s retention '
             'policy (images kept that should be gone, or gone that should be kept) for '
             '{$VIGIL.CHAIN.RETENTION.FOR}. The Prometheus rules have no alert for it yet.',
             labels=L, scope='availability'),
        trig(r, 'unverified', f'Vigil: {who} has images without .md5',
             f"min(/{T}/{k['chain.unverified_images']},{{$VIGIL.CHAIN.UNVERIFIED.PERIOD}})>0", 'WARNING',
             'Matches VigilChainUnverifiedImages: image files have had no .md5 file for '
             '{$VIGIL.CHAIN.UNVERIFIED.PERIOD} (counted from the first value Zabbix has); ImageManager treats '
             'them as corrupt.', labels=L, scope='availability', opdata='Images without .md5: {ITEM.LASTVALUE1}'),
        trig(r, 'verification_failed', f'Vigil: {who}: verification failed',
             f"min(/{T}/{k['chain.verification_failed']},{{$VIGIL.CHAIN.BROKEN.FOR}})=1", 'HIGH',
             'Matches VigilChainVerificationFailed: a bad.log exists for the chain; ImageManager found a '
             'corrupt image and restores from it may fail. Closes when the bad.log is gone (a new '
             'verification passed), or by hand.', labels=L, scope='availability', manual_close=True),
    ]
    graphs = [graph(r, 'bytes', f'{who}: Usage and retention',
                    [(k['chain.usage'], {'drawtype': 'FILLED_REGION'}),
                     (k['chain.retention'], {'drawtype': 'FILLED_REGION'})], gtype='STACKED')]
    return lld_rule(r, 'Image chains discovery', 'vigil_chain_depth', L,
                    'One row per volume image chain (vigil_chain_depth: tenant, customer, connector, '
                    'folder, volume).', items, triggers, graphs, filters=customer_filter())


# ---------------------------------------------------------------- connectors (+ repository)
def connectors_rule():
    r = 'connectors'
    L = ['tenant', 'connector']
    who = 'Connector {#CONNECTOR}'
    items, k = [], {}

    def add(slug, *a, **kw):
        it, key = item_proto(r, slug, *a, component='connector', extra_tags=[('connector', '{#CONNECTOR}')],
                             **kw)
        items.append(it)
        k[slug] = key

    add('connector.up', f'{who}: Availability', L,
        [prom_value('vigil_connector_up', L)],
        value_type='UNSIGNED', valuemap='Vigil connector state',
        description='vigil_connector_up: 0 when the last poll failed.')
    add('connector.last_poll', f'{who}: Last poll', L,
        [prom_value('vigil_connector_last_poll_timestamp_seconds', L)], units='unixtime',
        description='vigil_connector_last_poll_timestamp_seconds.')
    add('connector.last_poll_age', f'{who}: Time since last poll', L,
        [prom_value('vigil_connector_last_poll_timestamp_seconds', L),
         {'type': 'JAVASCRIPT', 'parameters': [AGE_JS]}], units='s',
        description='Now (Zabbix server clock) minus vigil_connector_last_poll_timestamp_seconds.')
    add('connector.since_last_success', f'{who}: Age of the chain data', L,
        [prom_value('vigil_connector_since_last_success_seconds', L)], units='s',
        description='vigil_connector_since_last_success_seconds: now minus the last successful poll, '
                    'the age of the chain data the exporter serves for this connector.')
    add('connector.poll_duration', f'{who}: Poll duration', L,
        [prom_value('vigil_connector_poll_duration_seconds', L)], units='s',
        description='vigil_connector_poll_duration_seconds.')
    add('repository.free', f'{who}: Repository free space', L,
        [prom_value('vigil_repository_free_bytes', L)], units='B',
        description='vigil_repository_free_bytes of the image repository behind the connector.')
    add('repository.size', f'{who}: Repository size', L,
        [prom_value('vigil_repository_size_bytes', L), HEARTBEAT], units='B',
        description='vigil_repository_size_bytes.')
    add('connector.unparseable_files', f'{who}: Unparseable files', L,
        [{'type': 'PROMETHEUS_PATTERN',
          'parameters': ['vigil_connector_unparseable_files' + selector(L), 'function', 'sum'],
          'error_handler': 'CUSTOM_VALUE', 'error_handler_params': '0'}],
        value_type='UNSIGNED',
        description='Sum of vigil_connector_unparseable_files over the places of the connector (0 when it reports '
                    'none): files that are neither images nor their companion files.')
    free, size = k['repository.free'], k['repository.size']
    it, pfree = item_proto(
        r, 'repository.pfree', f'{who}: Repository free space, in %', L, [], units='%',
        itype='CALCULATED', delay='{$VIGIL.INTERVAL}', component='connector',
        extra_tags=[('connector', '{#CONNECTOR}')],
        params=f'100*last(//{free})/last(//{size})',
        description='Free space of the image repository as a percentage of its size.')
    items.append(it)
    k['repository.pfree'] = pfree
    n_full = f'Vigil: {who}: repository nearly full'
    full_expr = f"max(/{T}/{pfree},{{$VIGIL.REPO.FULL.FOR}})<{{$VIGIL.REPO.PFREE.MIN:\"{{#CONNECTOR}}\"}}"
    triggers = [
        trig(r, 'down', f'Vigil: {who} is down', f"max(/{T}/{k['connector.up']},{{$VIGIL.CONNECTOR.DOWN.FOR}})=0",
             'HIGH',
             'Matches VigilConnectorDown: the last poll failed; its chains keep the data of the last '
             'good poll.', labels=L, scope='availability'),
        trig(r, 'stale', f'Vigil: {who}: chain data is stale',
             f"min(/{T}/{k['connector.since_last_success']},{{$VIGIL.CONNECTOR.STALE.FOR}})>"
             f"{{$VIGIL.CONNECTOR.STALE.MAX:\"{{#CONNECTOR}}\"}}", 'WARNING',
             'The last successful poll of the connector is older than {$VIGIL.CONNECTOR.STALE.MAX}: '
             'its chains show data of that age (vigil_connector_since_last_success_seconds). '
             'The Prometheus rules cover a failing connector with VigilConnectorDown only.',
             labels=L, scope='availability', opdata='Data age: {ITEM.LASTVALUE1}'),
        trig(r, 'unparseable', f'Vigil: {who} has unparseable files',
             f"min(/{T}/{k['connector.unparseable_files']},{{$VIGIL.CONNECTOR.UNPARSEABLE.FOR}})>0", 'INFO',
             'Like VigilConnectorUnparseableFiles: the repository holds files that are neither images nor '
             'their companion files, so they are not monitored; vigil_connector_unparseable_files says where.',
             labels=L, scope='notice', opdata='Files: {ITEM.LASTVALUE1}'),
        trig(r, 'repo_full', n_full, full_expr, 'HIGH',
             'Matches VigilRepositoryNearlyFull: free space of the image repository is below '
             '{$VIGIL.REPO.PFREE.MIN}% of its size.', labels=L, scope='capacity',
             opdata='Free: {ITEM.LASTVALUE1} of {ITEM.LASTVALUE2}'),
        trig(r, 'repo_filling', f'Vigil: {who}: repository filling up',
             f"timeleft(/{T}/{free},{{$VIGIL.REPO.TIMELEFT.PERIOD}},0)<{{$VIGIL.REPO.TIMELEFT.MIN}}",
             'WARNING',
             'Like VigilRepositoryFillingUp: extrapolated from the last {$VIGIL.REPO.TIMELEFT.PERIOD}, '
             'the repository runs out of space within {$VIGIL.REPO.TIMELEFT.MIN}.', labels=L,
             scope='capacity', opdata='Free: {ITEM.LASTVALUE1}', deps=[(n_full, full_expr, None)]),
    ]
    graphs = [graph(r, 'repository', f'{who}: Repository space',
                    [(size, {'drawtype': 'DASHED_LINE'}), (free, {'drawtype': 'GRADIENT_LINE'})])]
    return lld_rule(r, 'Connectors discovery', 'vigil_connector_up', L,
                    'One row per image-manager connector (vigil_connector_up), with its poll health '
                    'and the repository (vigil_repository_*) behind it.', items, triggers, graphs)


# ---------------------------------------------------------------- customers (quota)
def customers_rule():
    r = 'customers'
    L = ['tenant', 'customer']
    who = 'Customer {#CUSTOMER}'
    items, k = [], {}

    def add(slug, *a, **kw):
        it, key = item_proto(r, slug, *a, component='customer', **kw)
        items.append(it)
        k[slug] = key

    add('customer.quota', f'{who}: Quota', L, [prom_value('vigil_customer_quota_bytes', L), HEARTBEAT], units='B',
        description='vigil_customer_quota_bytes: the quota_bytes configured for the customer. Customers '
                    'without one are not discovered here; the free space of their repositories is the '
                    'connector\'s "Repository free space".')
    for slug, metric, what in (('customer.chain_usage', 'vigil_chain_usage_bytes', 'usage'),
                               ('customer.chain_retention', 'vigil_chain_retention_bytes', 'retention')):
        add(slug, f'{who}: Chain {what}', L,
            [{'type': 'PROMETHEUS_PATTERN', 'parameters': [metric + selector(L), 'function', 'sum'],
              'error_handler': 'CUSTOM_VALUE', 'error_handler_params': '0'}], units='B',
            description=f'Sum of {metric} over the customer\'s chains (0 when it has none).')
    it, pused = item_proto(
        r, 'customer.quota_pused', f'{who}: Quota used, in %', L, [], units='%', itype='CALCULATED',
        delay='{$VIGIL.INTERVAL}', component='customer',
        params=f"100*(last(//{k['customer.chain_usage']})+last(//{k['customer.chain_retention']}))"
               f"/last(//{k['customer.quota']})",
        description='(chain usage + retention) / quota: vigil:customer_quota_used:ratio of the recording rules.')
    items.append(it)
    trigger = trig(r, 'quota', f'Vigil: {who}: quota nearly full',
                   f"min(/{T}/{pused},{{$VIGIL.QUOTA.FOR}})>{{$VIGIL.QUOTA.PUSED.MAX:\"{{#CUSTOMER}}\"}}",
                   'WARNING',
                   'Matches VigilCustomerQuotaNearlyFull: the customer\'s image chains (usage + retention) '
                   'have used more than {$VIGIL.QUOTA.PUSED.MAX}% of its quota for {$VIGIL.QUOTA.FOR}.',
                   labels=L, scope='capacity', opdata='Used: {ITEM.LASTVALUE1}')
    return lld_rule(r, 'Customers discovery', 'vigil_customer_quota_bytes', L,
                    'One row per customer with a configured quota (vigil_customer_quota_bytes, '
                    'exported only for those).', items, [trigger], [],
                    filters=customer_filter())


# ---------------------------------------------------------------- unmanaged folders
def folders_rule():
    r = 'unmanaged_folders'
    L = ['tenant', 'connector', 'customer', 'folder']
    who = 'Folder {#FOLDER} on {#CONNECTOR} ({#CUSTOMER})'
    it, key = item_proto(
        r, 'folder.unmanaged', f'{who}: Unmanaged', L,
        [prom_value('vigil_folder_unmanaged', L, error='0')],
        value_type='UNSIGNED', valuemap='Vigil folder state', component='folder',
        extra_tags=[('connector', '{#CONNECTOR}')],
        description='vigil_folder_unmanaged: 1 when the folder matches the folder template but is '
                    'not managed. A missing series counts as managed.')
    t = trig(r, 'unmanaged', f'Vigil: {who} is not managed', f'min(/{T}/{key},{{$VIGIL.FOLDER.UNMANAGED.FOR}})=1',
             'INFO',
             'Matches VigilFolderUnmanaged: the folder matches the folder template but is not '
             'managed, so its images are not monitored.', labels=L, scope='notice')
    return lld_rule(r, 'Unmanaged folders discovery', 'vigil_folder_unmanaged', L,
                    'One row per folder found on a connector that matches the folder template but is '
                    'not managed (vigil_folder_unmanaged).', [it], [t], [], filters=customer_filter())


# ---------------------------------------------------------------- template level
def overview_items():
    """Fleet counts for the overview graphs (Prometheus pattern aggregation, Zabbix 6.0+)."""
    out = []
    specs = [
        ('jobs.ok', 'Jobs OK', 'vigil_job_status{status="ok"} == 1'),
        ('jobs.warning', 'Jobs with warnings', 'vigil_job_status{status="warning"} == 1'),
        ('jobs.failed', 'Jobs failed', 'vigil_job_status{status="failed"} == 1'),
        ('jobs.overdue', 'Jobs overdue', 'vigil_job_status{status="overdue"} == 1'),
        ('jobs.missed', 'Jobs missed', 'vigil_job_status{status="missed"} == 1'),
        ('devices.total', 'Devices', 'vigil_device_up'),
        ('devices.unavailable', 'Devices unavailable', 'vigil_device_up == 0'),
        ('device_errors.active', 'Device errors active', 'vigil_device_error_active == 1'),
        ('connectors.down', 'Connectors down', 'vigil_connector_up == 0'),
    ]
    for slug, name, pattern in specs:
        out.append({
            'uuid': uid('overview', slug), 'name': f'Vigil: {name}', 'type': 'DEPENDENT',
            'key': f'vigil.{slug}', 'delay': '0', 'history': '7d',
            'description': f'Number of series matching {pattern} (0 when none match).',
            'preprocessing': [
                {'type': 'PROMETHEUS_PATTERN', 'parameters': [pattern, 'function', 'count'],
                 'error_handler': 'CUSTOM_VALUE', 'error_handler_params': '0'}],
            'master_item': {'key': MASTER},
            'tags': tags(('component', 'overview'))})
    return out


MACROS = [
    ('{$VIGIL.URL}', 'http://localhost:9877/tenants/CHANGE_ME/metrics',
     'Tenant-scoped metrics endpoint of the Vigil exporter: http(s)://HOST:9877/tenants/ACCOUNT/metrics.'),
    ('{$VIGIL.KEY}', '',
     'Read key of that tenant, sent as "Authorization: Bearer {$VIGIL.KEY}". Set it on the host as a '
     'Secret text macro (templates cannot export secret values, so the template ships it empty).'),
    ('{$VIGIL.INTERVAL}', '1m', 'How often the metrics endpoint is read (all items depend on that read).'),
    ('{$VIGIL.TIMEOUT}', '10s', 'HTTP timeout of the metrics read.'),
    ('{$VIGIL.NODATA.TIMEOUT}', '10m', 'Raise "no data from the exporter" after this long without a read.'),
    ('{$VIGIL.LLD.HEARTBEAT}', '1h',
     'Discovery re-runs when the set of entities changes, and at least this often.'),
    ('{$VIGIL.LLD.LIFETIME}', '7d', 'Keep items of jobs / devices / chains that vanished this long.'),
    ('{$VIGIL.LLD.FILTER.CUSTOMER.MATCHES}', '.*', 'Discover only customers matching this regex.'),
    ('{$VIGIL.LLD.FILTER.CUSTOMER.NOT_MATCHES}', 'CHANGE_IF_NEEDED',
     'Do not discover customers matching this regex.'),
    ('{$VIGIL.CUSTOMER.HOSTS.MATCHES}', '^$', 'Customers (regex) that get a host of their own, linked to '
     '"Vigil customer by HTTP" and in the host group "Vigil customers/TENANT/CUSTOMER", for permissions and '
     'maintenance per customer; they are then left out of this host. None by default.'),
    ('{$VIGIL.CUSTOMER.HOSTS.KEY}', '', 'The read key the customer hosts use (a second read key of the tenant, '
     'so that it can be revoked on its own). A text macro: Zabbix hands secret macros to scripts as ******, '
     'so only a text macro can be passed on; the customer hosts get it as a Secret text macro.'),
    ('{$VIGIL.LLD.FILTER.JOB.MATCHES}', '.*', 'Discover only backup jobs whose name matches this regex.'),
    ('{$VIGIL.LLD.FILTER.JOB.NOT_MATCHES}', 'CHANGE_IF_NEEDED', 'Do not discover backup jobs matching this regex.'),
    ('{$VIGIL.LLD.FILTER.ERROR.MATCHES}', '.*', 'Discover only device error kinds matching this regex.'),
    ('{$VIGIL.JOB.GRACE.MIN}', '0', 'Lower bound of the grace of a job, in addition to the grace the exporter '
     'exports: a job is overdue only past both. Context: job name, e.g. {$VIGIL.JOB.GRACE.MIN:"Weekly archive"}=8d.'),
    ('{$VIGIL.JOB.OVERDUE.FOR}', '5m', 'The for: of VigilJobOverdue and VigilJobNeverSucceeded: how long a job must '
     'be past its grace before the trigger fires.'),
    ('{$VIGIL.JOB.FAILED.FOR}', '1m', 'The for: of VigilJobFailed, VigilJobWarning and VigilJobRepeatedlyFailing.'),
    ('{$VIGIL.DEVICE.UNAVAILABLE.FOR}', '1m', 'The for: of VigilDeviceUnavailable.'),
    ('{$VIGIL.DEVICE.ERROR.FOR}', '1m', 'The for: of the VigilDevice* error alerts. Context: error kind.'),
    ('{$VIGIL.DEVICE.ERROR.FOR:"camera_unreachable"}', '5m', 'The for: of VigilDeviceCameraUnreachable.'),
    ('{$VIGIL.DEVICE.ERROR.FOR:"other"}', '5m', 'The for: of VigilDeviceOtherError.'),
    ('{$VIGIL.CHAIN.BROKEN.FOR}', '5m', 'The for: of VigilChainBroken and VigilChainVerificationFailed.'),
    ('{$VIGIL.CHAIN.DEPTH.FOR}', '1h', 'The for: of VigilChainTooDeep.'),
    ('{$VIGIL.REPO.FULL.FOR}', '15m', 'The for: of VigilRepositoryNearlyFull.'),
    ('{$VIGIL.CONNECTOR.DOWN.FOR}', '5m', 'The for: of VigilConnectorDown.'),
    ('{$VIGIL.CONNECTOR.UNPARSEABLE.FOR}', '1h', 'The for: of VigilConnectorUnparseableFiles.'),
    ('{$VIGIL.FOLDER.UNMANAGED.FOR}', '1h', 'The for: of VigilFolderUnmanaged.'),
    ('{$VIGIL.JOB.FAILURES.MAX}', '3',
     'Failed runs in a row that raise "failed N times in a row". Context: customer.'),
    ('{$VIGIL.CHAIN.DEPTH.MAX}', '250', 'Chain depth above which a chain is "too deep". Context: customer.'),
    ('{$VIGIL.CHAIN.UNVERIFIED.PERIOD}', '2h', 'How long a chain may have images without .md5 (ImageManager '
     'verifying new images) before "images without .md5" fires.'),
    ('{$VIGIL.CHAIN.OVERDUE.FOR}', '5m', 'How long the newest image must be older than the chain\'s grace '
     '(vigil_chain_grace_seconds) before "no new image" fires (the for: of VigilChainNewestImageOverdue).'),
    ('{$VIGIL.CHAIN.RETENTION.FOR}', '1h', 'How long a chain must break its retention policy before '
     '"retention breaks the policy" fires.'),
    ('{$VIGIL.CONNECTOR.STALE.MAX}', '1h', 'Age of a connector\'s chain data (time since its last successful '
     'poll) above which the data is "stale". Context: connector.'),
    ('{$VIGIL.CONNECTOR.STALE.FOR}', '5m', 'How long the chain data must be stale before the trigger fires.'),
    ('{$VIGIL.QUOTA.PUSED.MAX}', '90', 'Share of the customer\'s quota, in %, used by its chains (usage + '
     'retention) above which "quota nearly full" fires. Context: customer.'),
    ('{$VIGIL.QUOTA.FOR}', '15m', 'How long the quota must be above the limit (the for: of '
     'VigilCustomerQuotaNearlyFull).'),
    ('{$VIGIL.REPO.PFREE.MIN}', '10', 'Repository free space, in %, below which it is "nearly full". '
                                      'Context: connector.'),
    ('{$VIGIL.REPO.TIMELEFT.PERIOD}', '6h', 'History used to extrapolate repository free space.'),
    ('{$VIGIL.REPO.TIMELEFT.MIN}', '3d', 'Raise "filling up" when free space runs out sooner than this.'),
]

VALUEMAPS = [
    ('Vigil job status', [('0', 'ok'), ('1', 'warning'), ('2', 'failed'), ('3', 'overdue'), ('4', 'missed')]),
    ('Vigil device availability', [('0', 'unavailable'), ('1', 'available')]),
    ('Vigil error state', [('0', 'cleared'), ('1', 'active')]),
    ('Vigil chain state', [('0', 'intact'), ('1', 'broken')]),
    ('Vigil verification state', [('0', 'no bad.log'), ('1', 'failed')]),
    ('Vigil connector state', [('0', 'down'), ('1', 'up')]),
    ('Vigil folder state', [('0', 'managed'), ('1', 'unmanaged')]),
    ('Vigil retention state', [('0', 'as expected'), ('1', 'unexpected')]),
]


def export(version, template, graphs=None, host_groups=False):
    """The export document: 6.0 lists template groups and host groups under "groups" (and has a date),
    6.2+ under "template_groups" and "host_groups"."""
    doc = {'version': version}
    if version == '6.0':
        doc['date'] = '2026-11-25T00:00:00Z'
    tgroups = [{'uuid': uid('group'), 'name': 'Templates/Applications'}]
    hgroups = [{'uuid': uid('group', 'customers'), 'name': CUSTOMERS_GROUP}] if host_groups else []
    if version == '6.0':
        doc['groups'] = tgroups + hgroups
    else:
        doc['template_groups'] = tgroups
        if hgroups:
            doc['host_groups'] = hgroups
    doc['templates'] = [template]
    if graphs:
        doc['graphs'] = graphs
    return {'zabbix_export': doc}


def customer_template(rules, items):
    return {
        'uuid': uid('template'), 'template': TC, 'name': TC,
        'description': Literal(
            'Vigil: one customer of a tenant, on a host discovered by "Customer hosts discovery" of the '
            'template Vigil by HTTP (set {$VIGIL.CUSTOMER.HOSTS.MATCHES} on the tenant host). It reads '
            'the tenant endpoint with the tenant host\'s URL and key and discovers only its customer '
            '({$VIGIL.LLD.FILTER.CUSTOMER.MATCHES}, set by the host prototype). Connectors and the fleet '
            'counts stay on the tenant host. Thresholds and windows: set them on this template (or '
            'globally); macros of the tenant host do not reach the customer hosts.\n\n'
            'See zabbix-templates/README.md in the Vigil repository.\n'),
        'groups': [{'name': 'Templates/Applications'}],
        'items': items,
        'discovery_rules': rules,
        'tags': tags(('class', 'software'), ('target', 'vigil')),
        'macros': [macro(m, v, d) for m, v, d in MACROS if not m.startswith('{$VIGIL.CUSTOMER.HOSTS.')],
        'valuemaps': [{'uuid': uid('valuemap', n), 'name': n,
                       'mappings': [{'value': v, 'newvalue': nv} for v, nv in maps]}
                      for n, maps in VALUEMAPS],
    }


def macro(name, value, description):
    m = {'macro': name, 'value': value}
    if name.endswith('.KEY}') and name != '{$VIGIL.CUSTOMER.HOSTS.KEY}':
        m['type'] = 'SECRET_TEXT'  # exported without its value: set it on the host
    m['description'] = description
    return m


def build(version='6.0'):
    v7 = version == '7.0'
    n_err = 'Vigil: The exporter refused the read'
    err_expr = f'length(last(/{T}/vigil.get_metrics.error))>0'
    raw = {
        'uuid': uid('master'), 'name': 'Vigil: Get metrics', 'type': 'HTTP_AGENT', 'key': RAW,
        'delay': '{$VIGIL.INTERVAL}', 'history': '0', 'trends': '0', 'value_type': 'TEXT',
        'description': 'Reads the tenant-scoped Prometheus text from {$VIGIL.URL}. Any HTTP status is '
                       'accepted so that a refusal (401, 403, 429...) reaches "Get metrics error" at once.',
        'timeout': '{$VIGIL.TIMEOUT}', 'url': '{$VIGIL.URL}', 'status_codes': '',
        'headers': [{'name': 'Authorization', 'value': 'Bearer {$VIGIL.KEY}'}],
        'tags': tags(('component', 'raw'))}
    metrics = {
        'uuid': uid('metrics'), 'name': 'Vigil: Metrics', 'type': 'DEPENDENT', 'key': MASTER, 'delay': '0',
        'history': '0', 'trends': '0', 'value_type': 'TEXT',
        'description': 'The read when it is Prometheus text; a JSON or HTML error body makes this item not '
                       'supported, so no item is fed an error page.',
        'preprocessing': [{'type': 'JAVASCRIPT', 'parameters': [Literal(ERROR_BODY_JS + 
            "if (isError(value)) {\n    throw 'the exporter refused the read: ' + value.substring(0, 200);\n}\n"
            "return value;\n")]}],
        'master_item': {'key': RAW}, 'tags': tags(('component', 'raw'))}
    error = {
        'uuid': uid('metrics', 'error'), 'name': 'Vigil: Get metrics error', 'type': 'DEPENDENT',
        'key': 'vigil.get_metrics.error', 'delay': '0', 'history': '7d', 'trends': '0', 'value_type': 'CHAR',
        'description': 'The error body of a refused read (empty while reads succeed).',
        'preprocessing': [
            {'type': 'JAVASCRIPT', 'parameters': [Literal(ERROR_BODY_JS + 
                "return isError(value) ? value.substring(0, 200) : '';\n")]},
            {'type': 'DISCARD_UNCHANGED_HEARTBEAT', 'parameters': ['1h']}],
        'master_item': {'key': RAW}, 'tags': tags(('component', 'raw')),
        'triggers': [{
            'uuid': uid('metrics', 'error', 'trigger'), 'expression': err_expr, 'name': n_err,
            'opdata': '{ITEM.LASTVALUE1}', 'priority': 'HIGH',
            'description': 'The metrics endpoint answered with an error instead of metrics: a wrong or missing '
                           '{$VIGIL.KEY} (401), a key of another tenant (403), a wrong URL (404). Raised at the '
                           'first refused read; the items keep their last values meanwhile.',
            'tags': tags(('scope', 'availability'))}]}
    lines = {
        'uuid': uid('metrics', 'lines'), 'name': 'Vigil: Metrics lines', 'type': 'DEPENDENT',
        'key': 'vigil.metrics.lines', 'delay': '0', 'history': '7d', 'value_type': 'UNSIGNED',
        'description': 'Lines of the Prometheus text of the last read: the size of what every poll preprocesses.',
        'preprocessing': [{'type': 'JAVASCRIPT', 'parameters': ["return value.split('\\n').length;"]}],
        'master_item': {'key': MASTER}, 'tags': tags(('component', 'raw')),
        'triggers': [{
            'uuid': uid('master', 'nodata'),
            'expression': f'nodata(/{T}/vigil.metrics.lines,{{$VIGIL.NODATA.TIMEOUT}})=1',
            'name': 'Vigil: No metrics from the exporter for {$VIGIL.NODATA.TIMEOUT}',
            'priority': 'HIGH', 'opdata': 'Lines of the last read: {ITEM.LASTVALUE1}',
            'description': 'Like VigilExporterDown: the metrics endpoint {$VIGIL.URL} has not answered '
                           'with metrics for {$VIGIL.NODATA.TIMEOUT} (exporter down or unreachable, wrong URL). '
                           'No other Vigil trigger of this host can fire.',
            'dependencies': [{'name': n_err, 'expression': err_expr}],
            'tags': tags(('scope', 'availability'))}]}
    if CUSTOMER_MODE:
        rules = [jobs_rule(), devices_rule(), device_errors_rule(), chains_rule(), folders_rule(),
                 customers_rule()]
        return export(version, customer_template(rules, [raw, metrics, error, lines]))
    rules = [jobs_rule(), devices_rule(), device_errors_rule(), chains_rule(), connectors_rule(),
             folders_rule(), customers_rule(), customer_hosts_rule()]
    items = [raw, metrics, error, lines] + overview_items()
    graphs = [
        {'uuid': uid('graph', 'jobs'), 'name': 'Vigil: Jobs by status', 'type': 'STACKED',
         'graph_items': [
             dict(({'sortorder': str(i)} if i else {}), drawtype='FILLED_REGION', color=c,
                  item={'host': T, 'key': f'vigil.jobs.{s}'})
             for i, (s, c) in enumerate([('ok', '1A7C11'), ('warning', 'FFC000'),
                                         ('failed', 'F63100'), ('overdue', '8B0000'),
                                         ('missed', '6C59DC')])]},
        {'uuid': uid('graph', 'devices'), 'name': 'Vigil: Devices and errors',
         'graph_items': [
             dict(({'sortorder': str(i)} if i else {}), color=c, item={'host': T, 'key': f'vigil.{s}'})
             for i, (s, c) in enumerate([('devices.total', '2774A4'), ('devices.unavailable', 'F63100'),
                                         ('device_errors.active', 'FFC000'),
                                         ('connectors.down', 'A54F10')])]},
    ]

    def gp_widget(name, graph_name, x, y):
        return widget('GRAPH_PROTOTYPE', name, graph_name, x, y,
                      [{'type': 'INTEGER', 'name': 'columns', 'value': '2'},
                       {'type': 'INTEGER', 'name': 'rows', 'value': '1'}])

    def g_widget(name, graph_name, x, y):
        return widget('GRAPH', name, graph_name, x, y, [])

    def widget(kind, name, graph_name, x, y, fields):
        """A graph (kind GRAPH) or graph prototype widget on a 24-column grid (6.0). 7.0 names the widget
        types by module id, the graph field graphid.0, wants a 5-letter reference per widget and has a
        72-column grid."""
        graph_field = {'type': kind, 'name': 'graphid.0' if v7 else 'graphid',
                       'value': {'host': T, 'name': graph_name}}
        w = {'type': ({'GRAPH': 'graph', 'GRAPH_PROTOTYPE': 'graphprototype'} if v7
                      else {'GRAPH': 'GRAPH_CLASSIC', 'GRAPH_PROTOTYPE': 'GRAPH_PROTOTYPE'})[kind],
             'name': name, 'x': str(x * (3 if v7 else 1)), 'y': str(y), 'width': str(12 * (3 if v7 else 1)),
             'height': '5', 'fields': fields + [graph_field]}
        if v7:
            ref = ''.join(chr(ord('A') + b % 26) for b in bytes.fromhex(uid('widget', name))[:5])
            w['fields'].append({'type': 'STRING', 'name': 'reference', 'value': ref})
        return w

    gp = {g['uuid']: g['name'] for r in rules for g in r.get('graph_prototypes', [])}
    gpn = list(gp.values())
    dashboards = [{
        'uuid': uid('dashboard'), 'name': 'Vigil overview',
        'pages': [
            {'name': 'Fleet', 'widgets': [
                g_widget('Jobs by status', 'Vigil: Jobs by status', 0, 0),
                g_widget('Devices and errors', 'Vigil: Devices and errors', 12, 0),
                gp_widget('Jobs: time since last success vs grace', gpn[0], 0, 5),
                gp_widget('Devices: heartbeat age vs interval', gpn[2], 12, 5)]},
            {'name': 'Images', 'widgets': [
                gp_widget('Chains: usage and retention', gpn[3], 0, 0),
                gp_widget('Repositories', gpn[4], 12, 0)]},
        ]}]
    template = {
        'uuid': uid('template'), 'template': T, 'name': T,
        'description': Literal(
            'Vigil backup / site-health exporter, one tenant per host, read over HTTP from the '
            'tenant-scoped Prometheus endpoint.\n\n'
            'Setup: link to a host, set {$VIGIL.URL} to http(s)://EXPORTER:9877/tenants/ACCOUNT/metrics '
            'and {$VIGIL.KEY} (as a Secret text macro on the host) to that tenant\'s read key.\n'
            'Discovers backup jobs, heartbeating devices and their errors, image chains, connectors '
            'with their repositories, and unmanaged folders; triggers follow the Prometheus alert '
            'rules in alert-rules/vigil.rules.yml.\n\n'
            'See zabbix-templates/README.md in the Vigil repository.\n'),
        'groups': [{'name': 'Templates/Applications'}],
        'items': items,
        'discovery_rules': rules,
        'tags': tags(('class', 'software'), ('target', 'vigil')),
        'macros': [macro(m, v, d) for m, v, d in MACROS],
        'dashboards': dashboards,
        'valuemaps': [{'uuid': uid('valuemap', n), 'name': n,
                       'mappings': [{'value': v, 'newvalue': nv} for v, nv in maps]}
                      for n, maps in VALUEMAPS],
    }
    return export(version, template, graphs=graphs, host_groups=True)


TA = 'Vigil exporter by HTTP'
ADMIN_MASTER = 'vigil.exporter.get_metrics'
OUT_ADMIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'vigil_exporter_by_http.yaml')

ADMIN_MACROS = [
    ('{$VIGIL.ADMIN.URL}', 'http://localhost:9877/metrics', 'Admin metrics endpoint of the Vigil exporter.'),
    ('{$VIGIL.ADMIN.KEY}', '', 'An admin key of the exporter, sent as "Authorization: Bearer". Set it on the '
     'host as a Secret text macro.'),
    ('{$VIGIL.INTERVAL}', '1m', 'How often the admin endpoint is read.'),
    ('{$VIGIL.TIMEOUT}', '10s', 'HTTP timeout of the read.'),
    ('{$VIGIL.NODATA.TIMEOUT}', '10m', 'Raise "no metrics from the exporter" after this long without a read.'),
    ('{$VIGIL.STORE.FOR}', '2m', 'How long the store must be unhealthy (the for: of VigilStoreFailing).'),
    ('{$VIGIL.TLS.EXPIRY.MIN}', '14d', 'Raise "certificate expires soon" this long before notAfter.'),
    ('{$VIGIL.TLS.FOR}', '10m', 'The for: of VigilTlsCertificateExpiresSoon.'),
    ('{$VIGIL.TENANT.PUSED.MAX}', '90', 'Share of a tenant entity limit, in %, at which "near its limit" fires. '
     'Context: tenant.'),
    ('{$VIGIL.TENANT.FOR}', '15m', 'The for: of VigilTenantNearEntityLimit.'),
    ('{$VIGIL.MAIL.UNPARSED.PERIOD}', '1h', 'Window of "notification mails not understood": the trigger fires while '
     'a mail for the tenant was left unparsed within it (the [1h] of VigilEmailUnparsed). Context: tenant.'),
    ('{$VIGIL.LLD.HEARTBEAT}', '1h', 'Discovery re-runs when the set of tenants changes, and at least this often.'),
    ('{$VIGIL.LLD.LIFETIME}', '7d', 'Keep items of vanished tenants this long.'),
]


def build_admin(version='6.0'):
    def dep(slug, name, steps, **kw):
        it = {'uuid': uid('admin', 'item', slug), 'name': name, 'type': 'DEPENDENT', 'key': f'vigil.exporter.{slug}',
              'delay': '0', 'history': '7d'}
        it.update(kw.pop('head', {}))
        it['preprocessing'] = steps
        it['master_item'] = {'key': ADMIN_MASTER}
        it.update(kw)
        it['tags'] = tags(('component', 'exporter'))
        return it
    store = dep('store_healthy', 'Vigil exporter: Store healthy',
                [{'type': 'PROMETHEUS_PATTERN', 'parameters': ['vigil_store_healthy', 'value', '']}],
                head={'value_type': 'UNSIGNED', 'valuemap': {'name': 'Vigil store state'}},
                description='vigil_store_healthy: 1 while writes can succeed.')
    store['triggers'] = [{
        'uuid': uid('admin', 'trigger', 'store'),
        'expression': f'max(/{TA}/vigil.exporter.store_healthy,{{$VIGIL.STORE.FOR}})=0',
        'name': 'Vigil exporter: store is failing', 'opdata': 'Store: {ITEM.LASTVALUE1}', 'priority': 'HIGH',
        'description': 'Matches VigilStoreFailing: commits to the store have failed for {$VIGIL.STORE.FOR} '
                       '(disk full or read-only, writer stopped, store file deleted or replaced); pushes get 503.',
        'tags': tags(('scope', 'availability'))}]
    tls = dep('tls_expiry', 'Vigil exporter: TLS certificate expiry',
              [{'type': 'PROMETHEUS_PATTERN',
                'parameters': ['vigil_tls_certificate_expiry_timestamp_seconds', 'value', ''],
                'error_handler': 'DISCARD_VALUE'}],
              head={'value_type': 'FLOAT', 'units': 'unixtime'},
              description='vigil_tls_certificate_expiry_timestamp_seconds: notAfter of the served certificate '
                          '(no value without a tls section).')
    tls['triggers'] = [{
        'uuid': uid('admin', 'trigger', 'tls'),
        # count() guards exporters without TLS (no value ever): "0 and unknown" is 0, not unknown
        'expression': f'count(/{TA}/vigil.exporter.tls_expiry,{{$VIGIL.TLS.FOR}})>0 and '
                      f'max(/{TA}/vigil.exporter.tls_expiry,{{$VIGIL.TLS.FOR}})-now()<{{$VIGIL.TLS.EXPIRY.MIN}}',
        'name': 'Vigil exporter: TLS certificate expires soon', 'opdata': 'Expires: {ITEM.LASTVALUE1}',
        'priority': 'WARNING', 'manual_close': 'YES',
        'description': 'Matches VigilTlsCertificateExpiresSoon: the served certificate expires within '
                       '{$VIGIL.TLS.EXPIRY.MIN}.',
        'tags': tags(('scope', 'security'))}]
    n_err = 'Vigil exporter: The exporter refused the read'
    err_expr = f'length(last(/{TA}/vigil.exporter.get_metrics.error))>0'
    error = dep('get_metrics.error', 'Vigil exporter: Get metrics error', [
        {'type': 'JAVASCRIPT', 'parameters': [Literal(ERROR_BODY_JS + "return isError(value) ? value.substring(0, 200) : '';\n")]},
        {'type': 'DISCARD_UNCHANGED_HEARTBEAT', 'parameters': ['1h']}],
        head={'trends': '0', 'value_type': 'CHAR'},
        description='The error body of a refused read of the admin endpoint (empty while reads succeed).')
    error['tags'] = tags(('component', 'raw'))
    error['triggers'] = [{
        'uuid': uid('admin', 'error', 'trigger'), 'expression': err_expr, 'name': n_err,
        'opdata': '{ITEM.LASTVALUE1}', 'priority': 'HIGH',
        'description': 'The admin metrics endpoint answered with an error instead of metrics: a wrong, missing or '
                       'non-admin {$VIGIL.ADMIN.KEY} (401/403), a wrong URL (404). Raised at the first refused read; '
                       'the items keep their last values meanwhile.',
        'tags': tags(('scope', 'availability'))}]
    master = {
        'uuid': uid('admin', 'master'), 'name': 'Vigil exporter: Get metrics', 'type': 'HTTP_AGENT',
        'key': ADMIN_MASTER, 'delay': '{$VIGIL.INTERVAL}', 'history': '0', 'trends': '0', 'value_type': 'TEXT',
        'description': 'Reads the admin Prometheus text from {$VIGIL.ADMIN.URL}. Any HTTP status is accepted so '
                       'that a refusal (401, 403, 429...) reaches "Get metrics error" at once.',
        'timeout': '{$VIGIL.TIMEOUT}', 'url': '{$VIGIL.ADMIN.URL}', 'status_codes': '',
        'headers': [{'name': 'Authorization', 'value': 'Bearer {$VIGIL.ADMIN.KEY}'}],
        'tags': tags(('component', 'raw')),
        'triggers': [{
            'uuid': uid('admin', 'nodata'),
            'expression': f'nodata(/{TA}/vigil.exporter.store_healthy,{{$VIGIL.NODATA.TIMEOUT}})=1',
            'name': 'Vigil exporter: No metrics for {$VIGIL.NODATA.TIMEOUT}', 'priority': 'HIGH',
            'opdata': 'Store: {ITEM.LASTVALUE1}',
            'description': 'Like VigilExporterDown / VigilExporterAbsent: {$VIGIL.ADMIN.URL} has not answered '
                           'with metrics for {$VIGIL.NODATA.TIMEOUT}.',
            'dependencies': [{'name': n_err, 'expression': err_expr}],
            'tags': tags(('scope', 'availability'))}]}
    L = ['tenant', 'kind']
    lm = {'tenant': '{#TENANT}', 'kind': '{#KIND}'}
    sel = '{tenant="{#TENANT}",kind="{#KIND}"}'

    def proto(slug, name, steps, **kw):
        it = {'uuid': uid('admin', 'tenants', slug), 'name': name, 'type': kw.pop('itype', 'DEPENDENT'),
              'key': f'vigil.exporter.tenant.{slug}[{{#TENANT}},{{#KIND}}]',
              'delay': kw.pop('delay', '0'), 'history': '7d', 'value_type': 'FLOAT'}
        it.update(kw)
        if steps:
            it['preprocessing'] = steps
        if it['type'] == 'DEPENDENT':
            it['master_item'] = {'key': ADMIN_MASTER}
        it['tags'] = tags(('component', 'tenant'), ('tenant', '{#TENANT}'))
        return it
    who = 'Tenant {#TENANT}: {#KIND}'
    ent = proto('entities', f'{who} entities', [{'type': 'PROMETHEUS_PATTERN',
                                                  'parameters': ['vigil_tenant_entities' + sel, 'value', '']}])
    lim = proto('limit', f'{who} limit', [{'type': 'PROMETHEUS_PATTERN',
                                            'parameters': ['vigil_tenant_entity_limit' + sel, 'value', '']}, HEARTBEAT])
    pused = proto('pused', f'{who} limit used, in %', [], itype='CALCULATED', delay='{$VIGIL.INTERVAL}',
                  units='%', params=f"100*last(//{ent['key']})/last(//{lim['key']})")
    rule = {
        'uuid': uid('admin', 'tenants', 'rule'), 'name': 'Tenant entity limits discovery', 'type': 'DEPENDENT',
        'key': 'vigil.exporter.tenants.discovery', 'delay': '0', 'lifetime': '{$VIGIL.LLD.LIFETIME}',
        'description': 'One row per tenant and entity kind (vigil_tenant_entity_limit).',
        'item_prototypes': [ent, lim, pused],
        'trigger_prototypes': [{
            'uuid': uid('admin', 'tenants', 'trigger'),
            'expression': f"min(/{TA}/{pused['key']},{{$VIGIL.TENANT.FOR}})>={{$VIGIL.TENANT.PUSED.MAX:\"{{#TENANT}}\"}}",
            'name': 'Vigil exporter: tenant {#TENANT} is near its {#KIND} limit', 'opdata': 'Used: {ITEM.LASTVALUE1}',
            'priority': 'WARNING', 'manual_close': 'YES',
            'description': 'Matches VigilTenantNearEntityLimit: the tenant uses {$VIGIL.TENANT.PUSED.MAX}% or more of '
                           'its {#KIND} limit; beyond it, pushes creating new entities get 422.',
            'tags': tags(('scope', 'capacity'), ('tenant', '{#TENANT}'))}],
        'master_item': {'key': ADMIN_MASTER},
        'lld_macro_paths': [{'lld_macro': lm[l], 'path': f"$['{l}']"} for l in L],
        'preprocessing': [
            {'type': 'PROMETHEUS_TO_JSON', 'parameters': ['vigil_tenant_entity_limit']},
            {'type': 'JAVASCRIPT', 'parameters': [lld_js(L)]},
            {'type': 'DISCARD_UNCHANGED_HEARTBEAT', 'parameters': ['{$VIGIL.LLD.HEARTBEAT}']}]}
    template = {
        'uuid': uid('admin', 'template'), 'template': TA, 'name': TA,
        'description': Literal('Health of the Vigil exporter itself, read from its admin /metrics: store, TLS '
                               'certificate, tenant entity limits. Link to one host per exporter; the tenants are '
                               'monitored with "Vigil by HTTP".\n\nSee zabbix-templates/README.md.\n'),
        'groups': [{'name': 'Templates/Applications'}],
        'items': [master, error, store, tls],
        'discovery_rules': [rule, mail_rule()],
        'tags': tags(('class', 'software'), ('target', 'vigil')),
        'macros': [macro(m, v, d) for m, v, d in ADMIN_MACROS],
        'valuemaps': [{'uuid': uid('admin', 'valuemap', 'store'), 'name': 'Vigil store state',
                       'mappings': [{'value': '0', 'newvalue': 'failing'}, {'value': '1', 'newvalue': 'healthy'}]}],
    }
    return export(version, template)


def mail_rule():
    """One row per tenant of vigil_email_messages_total: mails no parser understood (VigilEmailUnparsed)."""
    key = 'vigil.exporter.tenant.mail_unparsed[{#TENANT}]'
    unparsed = {
        'uuid': uid('admin', 'mail', 'unparsed'), 'name': 'Tenant {#TENANT}: notification mails not understood',
        'type': 'DEPENDENT', 'key': key, 'delay': '0', 'history': '7d', 'value_type': 'UNSIGNED',
        'description': 'Increase of vigil_email_messages_total{result="unparsed"} since the previous read: mails to the '
                       'tenant\'s addresses that no parser understood (listed by GET /tenants/TENANT/unparsed-mail). '
                       'A counter reset (exporter restart) is discarded, like increase() does.',
        'preprocessing': [
            {'type': 'PROMETHEUS_PATTERN',
             'parameters': ['vigil_email_messages_total{tenant="{#TENANT}",result="unparsed"}', 'value', '']},
            {'type': 'SIMPLE_CHANGE', 'parameters': ['']}],
        'master_item': {'key': ADMIN_MASTER},
        'tags': tags(('component', 'mail'), ('tenant', '{#TENANT}'))}
    period = '{$VIGIL.MAIL.UNPARSED.PERIOD:"{#TENANT}"}'
    return {
        'uuid': uid('admin', 'mail', 'rule'), 'name': 'Mail tenants discovery', 'type': 'DEPENDENT',
        'key': 'vigil.exporter.mail.discovery', 'delay': '0', 'lifetime': '{$VIGIL.LLD.LIFETIME}',
        'description': 'One row per tenant counted by vigil_email_messages_total (every configured tenant, from 0).',
        'item_prototypes': [unparsed],
        'trigger_prototypes': [{
            'uuid': uid('admin', 'mail', 'trigger'),
            'expression': f'sum(/{TA}/{key},{period})>0',
            'name': 'Vigil exporter: tenant {#TENANT} got notification mails no parser understood',
            'opdata': 'Not understood at the last read: {ITEM.LASTVALUE1}',
            'priority': 'WARNING', 'manual_close': 'YES',
            'description': f'Matches VigilEmailUnparsed: a mail to the tenant\'s addresses within {period} was not '
                           'understood, so its job result is not in the metrics. GET /tenants/{#TENANT}/unparsed-mail '
                           'says why; add a mail rule for the product or fix its notification settings. Resolves '
                           f'once {period} has passed without one.',
            'tags': tags(('scope', 'notice'), ('tenant', '{#TENANT}'))}],
        'master_item': {'key': ADMIN_MASTER},
        'lld_macro_paths': [{'lld_macro': '{#TENANT}', 'path': "$['tenant']"}],
        'filter': {'conditions': [{'macro': '{#TENANT}', 'value': '.+', 'formulaid': 'A'}]},
        'preprocessing': [
            {'type': 'PROMETHEUS_TO_JSON', 'parameters': ['vigil_email_messages_total{result="unparsed"}']},
            {'type': 'JAVASCRIPT', 'parameters': [lld_js(['tenant'])]},
            {'type': 'DISCARD_UNCHANGED_HEARTBEAT', 'parameters': ['{$VIGIL.LLD.HEARTBEAT}']}]}


VERSIONS = ('6.0', '7.0')


def out_path(base, version):
    """vigil_by_http.yaml (6.0) and vigil_by_http_7.0.yaml beside it."""
    return base if version == '6.0' else base[:-len('.yaml')] + f'_{version}.yaml'


def render(doc, title, version):
    imports = ('imports into 6.0 LTS; 6.4 and 7.0 convert it' if version == '6.0'
               else 'native 7.0 export of the same template; see README "Limits" for what is untested')
    head = (f'# Zabbix {version} template "{title}" ({imports}).\n'
            '# Generated by tools/gen_vigil_by_http.py: edit that script, not this file.\n')
    return head + yaml.dump(doc, Dumper=yaml.SafeDumper, sort_keys=False, allow_unicode=True,
                            width=110, default_flow_style=False)


def build_customer(version='6.0'):
    global T, UID_SALT, CUSTOMER_MODE
    saved = T, UID_SALT, CUSTOMER_MODE
    T, UID_SALT, CUSTOMER_MODE = TC, '/customer', True
    try:
        return build(version)
    finally:
        T, UID_SALT, CUSTOMER_MODE = saved


def tenant_first_variant(path):
    """For the test's scale check only: the same template with tenant as the first label of every
    Prometheus pattern (the order before the index-friendly one), under another name and other uuids."""
    global T, UID_SALT, SELECTIVITY
    T, UID_SALT = 'Vigil by HTTP tenant-first', '/tenant-first'
    SELECTIVITY = ['tenant'] + [x for x in SELECTIVITY if x != 'tenant']
    with open(path, 'w', encoding='utf-8') as f:
        f.write(render(build(), T, '6.0'))


def main():
    if sys.argv[1:2] == ['--tenant-first-variant']:
        tenant_first_variant(sys.argv[2])
        return 0
    stale = 0
    for version in VERSIONS:
        for path, text in ((out_path(OUT, version), render(build(version), T, version)),
                           (out_path(OUT_CUSTOMER, version), render(build_customer(version), TC, version)),
                           (out_path(OUT_ADMIN, version), render(build_admin(version), TA, version))):
            if '--check' in sys.argv[1:]:
                try:
                    with open(path, encoding='utf-8') as f:
                        current = f.read()
                except FileNotFoundError:
                    current = None
                if current != text:
                    print(f'{path} is stale: run {sys.argv[0]}', file=sys.stderr)
                    stale = 1
                continue
            with open(path, 'w', encoding='utf-8') as f:
                f.write(text)
    return stale


if __name__ == '__main__':
    sys.exit(main())
