#!/usr/bin/env python3
"""Helper of run.sh (stdlib only).

  check.py fake-server PORT FILE TENANT KEY   serve FILE at /tenants/TENANT/metrics (Bearer KEY)
  check.py pick-tenant ADMIN_METRICS_URL ADMIN_KEY
                                               print the tenant having an overdue job, an
                                               unavailable device and an active device error
  check.py verify --api URL --template FILE --url VIGIL_URL --key KEY --tenant T ...
                                               import, link, wait, compare; prints
                                               "zabbix: N passed, M failed"
"""
import argparse
import email.message
import email.utils
import http.server
import json
import math
import os
import re
import smtplib
import sys
import time
import urllib.error
import urllib.request

# ------------------------------------------------------------------------------------------ metrics
_SERIES = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+\S+)?\s*$')
_LABEL = re.compile(r'\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?')


def _unescape(v):
    return re.sub(r'\\(.)', lambda m: {'n': '\n', '\\': '\\', '"': '"'}.get(m.group(1), m.group(0)), v)


def parse_metrics(text):
    """Prometheus text (or OpenMetrics) -> list of (name, labels dict, float value)."""
    out = []
    for line in text.splitlines():
        if not line or line.startswith('#'):
            continue
        m = _SERIES.match(line)
        if not m:
            continue
        labels = {}
        body = m.group(3) or ''
        pos = 0
        while pos < len(body):
            lm = _LABEL.match(body, pos)
            if not lm:
                break
            labels[lm.group(1)] = _unescape(lm.group(2))
            pos = lm.end()
        out.append((m.group(1), labels, float(m.group(4))))
    return out


def fetch(url, key=None, timeout=10):
    req = urllib.request.Request(url)
    if key:
        req.add_header('Authorization', 'Bearer ' + key)
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return r.read().decode('utf-8')


class Metrics:
    def __init__(self, text, at):
        self.at = at
        self.series = parse_metrics(text)

    def rows(self, name):
        return [(l, v) for n, l, v in self.series if n == name]

    def get(self, name, **labels):
        for n, l, v in self.series:
            if n == name and all(l.get(k) == x for k, x in labels.items()):
                return v
        return None


# ------------------------------------------------------------------------------------------ fake
def fake_server(port, path, tenant, key):
    class H(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path != (f'/tenants/{tenant}/metrics' if tenant != '-' else '/metrics'):
                self.send_error(404)
                return
            if self.headers.get('Authorization') != f'Bearer {key}':
                self.send_error(401)
                return
            with open(path, 'rb') as f:
                body = f.read()
            self.send_response(200)
            self.send_header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, fmt, *a):
            sys.stderr.write('fake-exporter: ' + (fmt % a) + '\n')

    http.server.ThreadingHTTPServer(('127.0.0.1', int(port)), H).serve_forever()


def pick_tenant(url, key):
    # /-/ready may answer before the demo fleet has pushed: wait for jobs to show up
    for _ in range(120):
        m = Metrics(fetch(url, key), time.time())
        if m.rows('vigil_job_status') and m.rows('vigil_device_up'):
            break
        time.sleep(0.5)
    score = {}
    for l, v in m.rows('vigil_job_status'):
        if l.get('status') == 'overdue' and v == 1:
            score.setdefault(l['tenant'], set()).add('overdue')
    for l, v in m.rows('vigil_device_up'):
        if v == 0:
            score.setdefault(l['tenant'], set()).add('down')
    for l, v in m.rows('vigil_device_error_active'):
        if v == 1:
            score.setdefault(l['tenant'], set()).add('error')
    full = sorted(t for t, s in score.items() if {'overdue', 'down'} <= s)
    if not full:
        print(f'no tenant has both an overdue job and an unavailable device: {score}', file=sys.stderr)
        return 1
    full.sort(key=lambda t: -len(score[t]))
    # the demo's image chains belong to one tenant: read it too, so the chain alerts are checked
    chains = sorted({l['tenant'] for l, _ in m.rows('vigil_chain_depth')} - {full[0]})
    print(' '.join([full[0]] + chains[:1]))
    return 0


# ------------------------------------------------------------------------------------------ API
class Api:
    def __init__(self, url):
        self.url, self.auth, self.n, self.bearer = url, None, 0, False

    def call(self, method, params):
        self.n += 1
        body = {'jsonrpc': '2.0', 'method': method, 'params': params, 'id': self.n}
        headers = {'Content-Type': 'application/json-rpc'}
        if self.auth and method not in ('apiinfo.version', 'user.login'):
            if self.bearer:  # 6.4+: the token as a header (the auth field is removed in 7.2)
                headers['Authorization'] = f'Bearer {self.auth}'
            else:
                body['auth'] = self.auth
        req = urllib.request.Request(self.url, json.dumps(body).encode(), headers)
        with urllib.request.urlopen(req, timeout=300) as r:
            res = json.loads(r.read().decode('utf-8'))
        if 'error' in res:
            raise RuntimeError(f"{method}: {res['error'].get('message')} {res['error'].get('data')}")
        return res['result']

    def login(self, user, password):
        version = self.call('apiinfo.version', {})
        major = tuple(int(x) for x in version.split('.')[:2])
        # "username" since 5.4 ("user" is deprecated there and removed in 6.4): what the README shows
        self.auth = self.call('user.login', {'username': user, 'password': password})
        self.bearer = major >= (6, 4)
        return version, major


def split_key(key):
    """'a.b[x,"y,z",w]' -> ('a.b', ['x', 'y,z', 'w'])."""
    if '[' not in key:
        return key, []
    name, rest = key.split('[', 1)
    rest = rest[:-1]
    params, i = [], 0
    while True:
        while i < len(rest) and rest[i] == ' ':
            i += 1
        if i < len(rest) and rest[i] == '"':
            i += 1
            buf = []
            while rest[i] != '"':
                if rest[i] == '\\' and rest[i + 1] == '"':
                    i += 1
                buf.append(rest[i])
                i += 1
            i += 1
            params.append(''.join(buf))
            while i < len(rest) and rest[i] != ',':
                i += 1
        else:
            j = rest.find(',', i)
            j = len(rest) if j < 0 else j
            params.append(rest[i:j].strip())
            i = j
        if i >= len(rest):
            break
        i += 1
    return name, params


JOB = ['tenant', 'customer', 'device', 'backup_job']
DEV = ['tenant', 'customer', 'device']
ERR = ['tenant', 'customer', 'device', 'error']
CHAIN = ['tenant', 'customer', 'connector', 'folder', 'volume']
CONN = ['tenant', 'connector']
FOLDER = ['tenant', 'connector', 'customer', 'folder']
CUST = ['tenant', 'customer']
STATUS = {'ok': 0, 'warning': 1, 'failed': 2, 'overdue': 3, 'missed': 4}

# item key -> (labels of its key params, metric, how: exact | age-now | since | status | default0 | device-up)
ITEMS = {
    'vigil.job.since_last_success': (JOB, 'vigil_job_since_last_success_seconds', 'since'),
    'vigil.job.grace': (JOB, 'vigil_job_grace_seconds', 'exact'),
    'vigil.job.last_success': (JOB, 'vigil_job_last_success_timestamp_seconds', 'default0'),
    'vigil.job.status': (JOB, 'vigil_job_status', 'status'),
    'vigil.job.consecutive_failures': (JOB, 'vigil_job_consecutive_failures', 'exact'),
    'vigil.job.missed_runs': (JOB, 'vigil_job_missed_runs_total', 'default-1'),
    'vigil.job.last_run_duration': (JOB, 'vigil_job_last_run_duration_seconds', 'exact'),
    'vigil.job.last_run_bytes': (JOB, 'vigil_job_last_run_bytes', 'exact'),
    'vigil.job.device_up': (JOB, 'vigil_device_up', 'device-up'),
    'vigil.device.since_last_heartbeat': (DEV, 'vigil_device_since_last_heartbeat_seconds', 'since'),
    'vigil.device.heartbeat_interval': (DEV, 'vigil_device_heartbeat_interval_seconds', 'exact'),
    'vigil.device.up': (DEV, 'vigil_device_up', 'exact'),
    'vigil.device.error': (ERR, 'vigil_device_error_active', 'default0'),
    'vigil.chain.depth': (CHAIN, 'vigil_chain_depth', 'exact'),
    'vigil.chain.usage': (CHAIN, 'vigil_chain_usage_bytes', 'exact'),
    'vigil.chain.retention': (CHAIN, 'vigil_chain_retention_bytes', 'exact'),
    'vigil.chain.broken': (CHAIN, 'vigil_chain_broken', 'exact'),
    'vigil.chain.newest_image_age': (CHAIN, 'vigil_chain_newest_image_timestamp_seconds', 'age-now'),
    'vigil.chain.grace': (CHAIN, 'vigil_chain_grace_seconds', 'exact'),
    'vigil.chain.retention_unexpected': (CHAIN, 'vigil_chain_retention_unexpected', 'default0'),
    'vigil.connector.since_last_success': (CONN, 'vigil_connector_since_last_success_seconds', 'since'),
    'vigil.customer.quota': (CUST, 'vigil_customer_quota_bytes', 'moving'),
    'vigil.customer.chain_usage': (CUST, 'vigil_chain_usage_bytes', 'sum0'),
    'vigil.customer.chain_retention': (CUST, 'vigil_chain_retention_bytes', 'sum0'),
    'vigil.customer.quota_pused': (CUST, None, 'quota_pused'),
    'vigil.chain.unverified_images': (CHAIN, 'vigil_chain_unverified_images', 'exact'),
    'vigil.chain.verification_failed': (CHAIN, 'vigil_chain_verification_failed', 'exact'),
    'vigil.connector.up': (CONN, 'vigil_connector_up', 'exact'),
    'vigil.connector.last_poll': (CONN, 'vigil_connector_last_poll_timestamp_seconds', 'exact'),
    'vigil.connector.last_poll_age': (CONN, 'vigil_connector_last_poll_timestamp_seconds', 'poll-age'),
    'vigil.connector.poll_duration': (CONN, 'vigil_connector_poll_duration_seconds', 'poll-duration'),
    'vigil.repository.free': (CONN, 'vigil_repository_free_bytes', 'moving'),
    'vigil.repository.size': (CONN, 'vigil_repository_size_bytes', 'exact'),
    'vigil.repository.pfree': (CONN, None, 'pfree'),
    'vigil.connector.unparseable_files': (CONN, 'vigil_connector_unparseable_files', 'sum0'),
    'vigil.folder.unmanaged': (FOLDER, 'vigil_folder_unmanaged', 'default0'),
}
# discovery rule key -> (family, labels) : the rows the exporter's metrics call for
RULES = {
    'vigil.jobs.discovery': ('vigil_job_status', JOB),
    'vigil.devices.discovery': ('vigil_device_up', DEV),
    'vigil.device_errors.discovery': ('vigil_device_error_active', ERR),
    'vigil.chains.discovery': ('vigil_chain_depth', CHAIN),
    'vigil.connectors.discovery': ('vigil_connector_up', CONN),
    'vigil.unmanaged_folders.discovery': ('vigil_folder_unmanaged', FOLDER),
    'vigil.customers.discovery': ('vigil_customer_quota_bytes', CUST),
}
DEMO_POLL_INTERVAL = 30


def expected_value(m, key_name, labels, lastclock):
    """(expected float or None when the exporter has no such series, tolerance)"""
    lab_names, metric, how = ITEMS[key_name]
    sel = dict(zip(lab_names, labels))
    drift = max(0.0, m.at - lastclock) + 3.0  # the exporter's clock moved on since Zabbix read it
    if how == 'status':
        for l, v in m.rows(metric):
            if all(l.get(k) == x for k, x in sel.items()) and v == 1:
                return STATUS[l['status']], 0
        return None, 0
    if how == 'device-up':
        v = m.get(metric, tenant=sel['tenant'], customer=sel['customer'], device=sel['device'])
        return (1.0 if v is None else v), 0
    if how == 'sum0':
        return sum(v for l, v in m.rows(metric) if all(l.get(k) == x for k, x in sel.items())), 0
    if how == 'quota_pused':
        quota = m.get('vigil_customer_quota_bytes', **sel)
        if not quota:
            return None, 0
        used = sum(v for l, v in m.rows('vigil_chain_usage_bytes') + m.rows('vigil_chain_retention_bytes')
                   if all(l.get(k) == x for k, x in sel.items()))
        return 100.0 * used / quota, 1.0  # percentage points: the demo's inputs move between two reads
    if how == 'pfree':
        free = m.get('vigil_repository_free_bytes', **sel)
        size = m.get('vigil_repository_size_bytes', **sel)
        if free is None or not size:
            return None, 0
        return 100.0 * free / size, 1.0  # percentage points: the demo's free space moves between reads
    v = m.get(metric, **sel)
    if how == 'default0':
        return (0.0 if v is None else v), 0
    if how == 'default-1':  # absent: the job has no schedule
        return (-1.0 if v is None else v), 0
    if v is None:
        return None, 0
    if how == 'since':
        return v, ('since', m.at, lastclock)
    if how == 'age-now':
        return m.at - v, drift + 1
    # The demo connector is polled every 30 s (timeout 5 s); a poll between Zabbix's read and this one moves
    # these: its free space (a busy disk), its poll time, and the age of its last poll back to 0.
    if how == 'moving':
        return v, 0.02 * abs(v)
    if how == 'poll-duration':
        return v, 5.0
    if how == 'poll-age':
        return m.at - v, drift + 1 + DEMO_POLL_INTERVAL
    return v, 0


def close(a, b, tol):
    return abs(a - b) <= max(tol, 1e-6 * max(abs(a), abs(b)), 1e-9)


class Result:
    def __init__(self):
        self.passed, self.failed = 0, 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f'FAIL: {what}')
        return ok

    def ok(self, what):
        self.passed += 1
        print(f'ok: {what}')


def expected_problems(m):
    """trigger kind -> set of entity tuples expected in problem state, and the ones expected OK."""
    down = {tuple(l[k] for k in DEV) for l, v in m.rows('vigil_device_up') if v == 0}
    exp, quiet = {}, {}

    def add(kind, ent, problem):
        (exp if problem else quiet).setdefault(kind, set()).add(ent)

    for l, v in m.rows('vigil_device_up'):
        add('device_unavailable', tuple(l[k] for k in DEV), v == 0)
    for l, v in m.rows('vigil_device_error_active'):
        add('device_error', tuple(l[k] for k in ERR), v == 1)
    jobs = {tuple(l[k] for k in JOB) for l, _ in m.rows('vigil_job_status')}
    for j in sorted(jobs):
        sel = dict(zip(JOB, j))
        since = m.get('vigil_job_since_last_success_seconds', **sel)
        grace = m.get('vigil_job_grace_seconds', **sel)
        succeeded = m.get('vigil_job_last_success_timestamp_seconds', **sel) is not None
        status = [l['status'] for l, v in m.rows('vigil_job_status')
                  if v == 1 and all(l.get(k) == x for k, x in sel.items())]
        status = status[0] if status else None
        fails = m.get('vigil_job_consecutive_failures', **sel) or 0
        on_down_device = j[:3] in down
        scheduled = m.get('vigil_job_missed_runs_total', **sel) is not None
        # a scheduled job is judged by its schedule (VigilJobMissed), never overdue
        late = since is not None and grace is not None and since > grace and not scheduled
        if on_down_device:
            # Suppressed while the device is unavailable: none of the job's triggers may fire.
            for kind in ('job_never_succeeded', 'job_overdue', 'job_failed', 'job_warning',
                         'job_repeatedly_failing', 'job_missed'):
                add(kind, j, False)
            continue
        if late and not succeeded:
            add('job_never_succeeded', j, True)
        elif late:
            add('job_overdue', j, True)
        if fails >= 3:
            add('job_repeatedly_failing', j, True)
        if status == 'warning':
            add('job_warning', j, True)
        add('job_missed', j, status == 'missed')
        if status == 'failed' and not late and fails < 3:
            add('job_failed', j, True)
        if status == 'ok' and not late and fails == 0:
            for kind in ('job_never_succeeded', 'job_overdue', 'job_failed', 'job_warning',
                         'job_repeatedly_failing'):
                add(kind, j, False)
    for l, v in m.rows('vigil_chain_broken'):
        add('chain_broken', tuple(l[k] for k in CHAIN), v == 1)
    for l, v in m.rows('vigil_chain_unverified_images'):
        add('chain_unverified', tuple(l[k] for k in CHAIN), v > 0)  # min() over the period: Zabbix has only recent values
    for l, v in m.rows('vigil_chain_verification_failed'):
        add('chain_verification_failed', tuple(l[k] for k in CHAIN), v == 1)
    for l, v in m.rows('vigil_connector_up'):
        add('connector_down', tuple(l[k] for k in CONN), v == 0)
        files = sum(u for lu, u in m.rows('vigil_connector_unparseable_files')
                    if all(lu.get(k) == l[k] for k in CONN))
        add('connector_unparseable', tuple(l[k] for k in CONN), files > 0)
    for l, v in m.rows('vigil_folder_unmanaged'):
        add('folder_unmanaged', tuple(l[k] for k in FOLDER), v == 1)
    # VigilChainNewestImageOverdue: time() - vigil_chain_newest_image_timestamp_seconds > vigil_chain_grace_seconds
    for l, ts in m.rows('vigil_chain_newest_image_timestamp_seconds'):
        sel = {k: l[k] for k in CHAIN}
        grace = m.get('vigil_chain_grace_seconds', **sel)
        if grace is not None:
            add('chain_no_new_image', tuple(sel.values()), m.at - ts > grace)
    for l, v in m.rows('vigil_chain_retention_unexpected'):
        add('chain_retention_unexpected', tuple(l[k] for k in CHAIN), v == 1)
    for l, v in m.rows('vigil_connector_since_last_success_seconds'):
        add('connector_stale', tuple(l[k] for k in CONN), v > 3600)  # {$VIGIL.CONNECTOR.STALE.MAX} 1h
    # VigilCustomerQuotaNearlyFull: sum(usage + retention) / (quota > 0) > 0.90
    for l, quota in m.rows('vigil_customer_quota_bytes'):
        if quota > 0:
            ent = tuple(l[k] for k in CUST)
            add('customer_quota', ent, expected_value(m, 'vigil.customer.quota_pused', list(ent), m.at)[0] > 90)
    return exp, quiet


SEVERITY = {  # trigger kind -> Zabbix priority (4 high ~ critical, 2 warning, 1 information)
    'job_never_succeeded': 4, 'job_overdue': 4, 'job_repeatedly_failing': 4, 'job_failed': 2, 'job_missed': 4,
    'job_warning': 1, 'device_unavailable': 4, 'chain_broken': 4, 'chain_unverified': 2,
    'chain_verification_failed': 4, 'connector_down': 4, 'connector_unparseable': 1,
    'folder_unmanaged': 1, 'chain_no_new_image': 4, 'chain_retention_unexpected': 2, 'connector_stale': 2,
    'customer_quota': 2,
}
ERROR_SEVERITY = {'disk_full': 4, 'media_db_write_failed': 4, 'fatal_archive_error': 4, 'other': 1}

TRIGGER_KINDS = [  # substring of the prototype name -> kind (first match wins)
    ('never succeeded', 'job_never_succeeded'), ('is overdue', 'job_overdue'), ('missed its expected run', 'job_missed'),
    ('failed repeatedly', 'job_repeatedly_failing'), ('ended with warnings', 'job_warning'),
    ('" on {#DEVICE} ({#CUSTOMER}) failed', 'job_failed'), ('is unavailable', 'device_unavailable'),
    ('is active', 'device_error'), ('is broken', 'chain_broken'), ('too deep', 'chain_too_deep'),
    ('without .md5', 'chain_unverified'), ('verification failed', 'chain_verification_failed'),
    ('unparseable files', 'connector_unparseable'),
    ('no new image', 'chain_no_new_image'), ('is down', 'connector_down'),
    ('quota nearly full', 'customer_quota'), ('nearly full', 'repository_nearly_full'), ('filling up', 'repository_filling'),
    ('not managed', 'folder_unmanaged'), ('retention breaks the policy', 'chain_retention_unexpected'),
    ('chain data is stale', 'connector_stale'),
]
# trigger kind -> the Prometheus alert it matches (None: no Prometheus rule; Zabbix-only trigger)
ALERTS = {
    'job_never_succeeded': 'VigilJobNeverSucceeded', 'job_overdue': 'VigilJobOverdue',
    'job_repeatedly_failing': 'VigilJobRepeatedlyFailing', 'job_failed': 'VigilJobFailed', 'job_missed': 'VigilJobMissed',
    'job_warning': 'VigilJobWarning', 'device_unavailable': 'VigilDeviceUnavailable',
    'device_error': 'VigilDevice*', 'chain_broken': 'VigilChainBroken',
    'chain_unverified': 'VigilChainUnverifiedImages', 'chain_verification_failed': 'VigilChainVerificationFailed',
    'chain_no_new_image': 'VigilChainNewestImageOverdue', 'connector_down': 'VigilConnectorDown',
    'connector_unparseable': 'VigilConnectorUnparseableFiles', 'folder_unmanaged': 'VigilFolderUnmanaged',
    'customer_quota': 'VigilCustomerQuotaNearlyFull', 'chain_retention_unexpected': None,
    'connector_stale': None,
}
# The test shortens every "for:" window macro on its hosts so that held-for conditions fire within the
# test's time, yet stay longer than one poll (see "one failed poll opens nothing").
TEST_WINDOW = '25s'  # five polls: one failed read (two at worst, see one_failed_poll) cannot fill it
WINDOW_MACRO = re.compile(r'\.FOR(:"[^"]*")?}$')


def verify(a, r):
    api = Api(a.api)
    version, major = api.login('Admin', 'zabbix')
    print(f'Zabbix API {version}')
    with open(a.template, encoding='utf-8') as f:
        source = f.read()
    with open(a.admin_template, encoding='utf-8') as f:
        admin_source = f.read()
    with open(a.customer_template, encoding='utf-8') as f:
        customer_source = f.read()

    # 1. import, failing on any error
    if major >= (6, 2):
        groups = {'template_groups': {'createMissing': True, 'updateExisting': True}}
    else:
        groups = {'groups': {'createMissing': True}}
    rules = dict(groups, **{
        'templates': {'createMissing': True, 'updateExisting': True},
        'templateDashboards': {'createMissing': True, 'updateExisting': True, 'deleteMissing': True},
        'templateLinkage': {'createMissing': True},
        'items': {'createMissing': True, 'updateExisting': True, 'deleteMissing': True},
        'discoveryRules': {'createMissing': True, 'updateExisting': True, 'deleteMissing': True},
        'triggers': {'createMissing': True, 'updateExisting': True, 'deleteMissing': True},
        'graphs': {'createMissing': True, 'updateExisting': True, 'deleteMissing': True},
        'valueMaps': {'createMissing': True, 'updateExisting': True, 'deleteMissing': True},
    })
    # the customer template first: the tenant template's host prototype links it
    try:
        for _ in range(2):
            api.call('configuration.import', {'format': 'yaml', 'rules': rules, 'source': customer_source})
        r.ok('import and re-import of the customer template')
    except RuntimeError as e:
        r.check(False, f'customer template import failed: {e}')
        return
    t0 = time.time()
    try:
        res = api.call('configuration.import', {'format': 'yaml', 'rules': rules, 'source': source})
        r.check(res is True, f'configuration.import returned {res!r}')
    except RuntimeError as e:
        r.check(False, f'configuration.import failed: {e}')
        return
    print(f'ok: template imported in {time.time() - t0:.1f}s')
    # importing the same file again must be a no-op that also succeeds (what an upgrade does)
    try:
        api.call('configuration.import', {'format': 'yaml', 'rules': rules, 'source': source})
        r.ok('re-import of the same file')
    except RuntimeError as e:
        r.check(False, f're-import failed: {e}')

    try:
        api.call('configuration.import', {'format': 'yaml', 'rules': rules, 'source': admin_source})
        api.call('configuration.import', {'format': 'yaml', 'rules': rules, 'source': admin_source})
        r.ok('import and re-import of the exporter template')
    except RuntimeError as e:
        r.check(False, f'exporter template import failed: {e}')
        return
    tpl = api.call('template.get', {'filter': {'host': 'Vigil by HTTP'}, 'output': ['templateid'],
                                    'selectItems': 'count', 'selectDiscoveries': 'count',
                                    'selectTriggers': 'count', 'selectGraphs': 'count',
                                    'selectMacros': 'extend', 'selectDashboards': 'count'})
    if not r.check(len(tpl) == 1, 'template "Vigil by HTTP" exists after import'):
        return
    tpl = tpl[0]
    tid = tpl['templateid']
    protos = api.call('itemprototype.get', {'templateids': tid, 'output': ['key_']})
    tprotos = api.call('triggerprototype.get', {'templateids': tid, 'output': ['description']})
    gprotos = api.call('graphprototype.get', {'templateids': tid, 'output': ['name']})
    print(f"template: {tpl['items']} items, {tpl['discoveries']} discovery rules, "
          f"{len(protos)} item prototypes, {len(tprotos)} trigger prototypes, "
          f"{len(gprotos)} graph prototypes, {tpl['graphs']} graphs, {tpl['dashboards']} dashboards")
    r.check(int(tpl['discoveries']) == len(RULES) + 1,  # + customer hosts
            f"{len(RULES) + 1} discovery rules (got {tpl['discoveries']})")
    keys = {split_key(p['key_'])[0] for p in protos}
    r.check(keys == set(ITEMS), f'item prototypes cover the contract: missing {set(ITEMS) - keys}, '
                                f'unexpected {keys - set(ITEMS)}')
    r.check(int(tpl['dashboards']) >= 1, 'template dashboard imported')

    # 2. one host per metrics source, linked to the template; they discover in parallel
    gid = api.call('hostgroup.create', {'name': 'Vigil test'})['groupids'][0]
    windows = [{'macro': mc['macro'], 'value': TEST_WINDOW} for mc in tpl['macros'] if WINDOW_MACRO.search(mc['macro'])]
    r.check(len(windows) >= 3, f'window macros found: {[w["macro"] for w in windows]}')
    hosts = []
    for name, url, key in a.target:
        hostid = api.call('host.create', {
            'host': f'vigil-{name}', 'groups': [{'groupid': gid}], 'templates': [{'templateid': tid}],
            'macros': [
                {'macro': '{$VIGIL.URL}', 'value': url},
                {'macro': '{$VIGIL.KEY}', 'value': key, 'type': 1},  # secret text
                {'macro': '{$VIGIL.INTERVAL}', 'value': a.interval},
            ] + windows})['hostids'][0]
        print(f'ok: host vigil-{name} linked, {{$VIGIL.URL}}={url}, interval {a.interval}')
        hosts.append((name, hostid, url, key))
    atpl = api.call('template.get', {'filter': {'host': 'Vigil exporter by HTTP'}, 'output': ['templateid'],
                                     'selectMacros': 'extend'})[0]
    awindows = [{'macro': mc['macro'], 'value': TEST_WINDOW} for mc in atpl['macros'] if WINDOW_MACRO.search(mc['macro'])]
    admin_hosts = []
    for name, url, key in a.admin_target or []:
        hostid = api.call('host.create', {
            'host': f'vigil-exporter-{name}', 'groups': [{'groupid': gid}],
            'templates': [{'templateid': atpl['templateid']}],
            'macros': [{'macro': '{$VIGIL.ADMIN.URL}', 'value': url},
                       {'macro': '{$VIGIL.ADMIN.KEY}', 'value': key, 'type': 1},
                       {'macro': '{$VIGIL.INTERVAL}', 'value': a.interval}] + awindows})['hostids'][0]
        admin_hosts.append((name, hostid, url, key))
    deadline = time.time() + a.timeout
    for name, hostid, url, key in hosts:
        print(f'--- host vigil-{name}')
        check_host(api, r, a, hostid, url, key, deadline)
    fake = [(hostid, url, key) for name, hostid, url, key in hosts if name == 'fake']
    if fake:
        print(f'--- per-customer hosts: host vigil-fake-customers, {{$VIGIL.CUSTOMER.HOSTS.MATCHES}}={CUSTOMER_HOSTS}')
        check_customer_hosts(api, r, a, gid, windows, *fake[0][1:], time.time() + a.timeout)
    if a.fake_file and fake:
        print('--- scenarios on host vigil-fake (the served file is changed under Zabbix)')
        Scenarios(api, r, a.fake_file, *fake[0]).run()
    mails = {name: (smtp, tenant, address) for name, smtp, tenant, address in a.admin_mail or []}
    for name, hostid, url, key in admin_hosts:
        print(f'--- host vigil-exporter-{name} ({url})')
        check_admin_host(api, r, hostid, url, key, deadline)
        if name in mails:
            unparsed_mail(api, r, hostid, *mails[name])
    if a.scale_target:
        print('--- scale check')
        scale_check(api, r, a, gid)


CUSTOMER_HOSTS = '^globex$'  # the fake fleet's customer with an unavailable device and an active error


def check_customer_hosts(api, r, a, gid, windows, url, key, deadline):
    """Issue #19 item 6: a tenant host with {$VIGIL.CUSTOMER.HOSTS.MATCHES} gets one discovered host per
    matching customer, in the customer's own host group, reading with the tenant host's URL and secret
    key, discovering only its customer; the tenant host leaves that customer out."""
    ctpl = api.call('template.get', {'filter': {'host': 'Vigil customer by HTTP'}, 'output': ['templateid'],
                                     'selectMacros': 'extend'})
    if not r.check(len(ctpl) == 1, 'template "Vigil customer by HTTP" exists after import'):
        return
    ctid = ctpl[0]['templateid']
    # windows for the customer hosts: on their template, where an admin sets them (the tenant host's
    # macros do not reach a discovered host)
    api.call('usermacro.update', [{'hostmacroid': mc['hostmacroid'], 'value': TEST_WINDOW}
                                  for mc in ctpl[0]['macros'] if WINDOW_MACRO.search(mc['macro'])])
    tid = api.call('template.get', {'filter': {'host': 'Vigil by HTTP'}, 'output': ['templateid']})[0]['templateid']
    thost = api.call('host.create', {
        'host': 'vigil-fake-customers', 'groups': [{'groupid': gid}], 'templates': [{'templateid': tid}],
        'macros': [{'macro': '{$VIGIL.URL}', 'value': url},
                   {'macro': '{$VIGIL.KEY}', 'value': key, 'type': 1},
                   {'macro': '{$VIGIL.INTERVAL}', 'value': a.interval},
                   {'macro': '{$VIGIL.CUSTOMER.HOSTS.MATCHES}', 'value': CUSTOMER_HOSTS},
                   {'macro': '{$VIGIL.CUSTOMER.HOSTS.KEY}', 'value': key}] + windows})['hostids'][0]
    found = []
    while time.time() < deadline:
        found = api.call('host.get', {'templateids': ctid, 'output': ['host', 'name', 'flags'],
                                      'selectGroups': ['name'], 'selectMacros': ['macro', 'value', 'type'],
                                      'selectDiscoveryRule': ['key_'], 'selectHostDiscovery': ['parent_hostid']})
        if found:
            break
        time.sleep(2)
    if not r.check(len(found) == 1, f'one customer host discovered (got {[h["name"] for h in found]})'):
        lld = api.call('discoveryrule.get', {'hostids': thost, 'filter': {'key_': 'vigil.customer_hosts.discovery'},
                                             'output': ['state', 'error']})
        print(f'   customer hosts rule: {lld}')
        return
    h = found[0]
    print(f"ok: discovered host {h['host']!r} ({h['name']}), groups {[g['name'] for g in h['groups']]}")
    r.check(h['flags'] == '4' and h['name'] == 'Vigil customer globex (northwind)',
            f"discovered host named after its customer: {h['name']} (flags {h['flags']})")
    groups = {g['name'] for g in h['groups']}
    r.check(groups == {'Vigil customers', 'Vigil customers/northwind/globex'},
            f'customer host in the customer group and its own group (permissions, maintenance): {groups}')
    macros = {mc['macro']: mc for mc in h['macros']}
    r.check(macros.get('{$VIGIL.URL}', {}).get('value') == url, f"customer host URL: {macros.get('{$VIGIL.URL}')}")
    r.check(macros.get('{$VIGIL.KEY}', {}).get('type') == '1' and 'value' not in macros['{$VIGIL.KEY}'],
            f"customer host key is a secret macro (the API does not show it): {macros.get('{$VIGIL.KEY}')}")
    r.check(macros.get('{$VIGIL.LLD.FILTER.CUSTOMER.MATCHES}', {}).get('value') == '^globex$',
            f"customer host filter: {macros.get('{$VIGIL.LLD.FILTER.CUSTOMER.MATCHES}')}")
    # what the issue asks the hosts for: a maintenance and a user group on the customer's own group
    cgid = api.call('hostgroup.get', {'filter': {'name': 'Vigil customers/northwind/globex'}, 'output': ['groupid']})
    ugid = api.call('usergroup.create', {'name': 'globex viewers',
                                         'rights': [{'permission': 2, 'id': cgid[0]['groupid']}]})['usrgrpids'][0]
    api.call('user.create', {'username': 'globex-viewer', 'passwd': 'Vigil-test-globex-1', 'roleid': '1',
                             'usrgrps': [{'usrgrpid': ugid}]})
    viewer = Api(a.api)
    viewer.login('globex-viewer', 'Vigil-test-globex-1')
    seen = sorted(x['name'] for x in viewer.call('host.get', {'output': ['name']}))
    r.check(seen == ['Vigil customer globex (northwind)'],
            f'a user group with read access to the customer\'s group sees only its host: {seen}')
    # the customer host: values and problems of globex only (its read uses the key: values mean it works)
    check_host(api, r, a, h['hostid'], url, key, deadline, only_customer='globex')
    # after the customer host's problems are checked (a maintenance suppresses them)
    now = int(time.time())
    api.call('maintenance.create', {'name': 'globex only', 'active_since': now - 60, 'active_till': now + 3600,
                                    'groups': [{'groupid': cgid[0]['groupid']}],
                                    'timeperiods': [{'timeperiod_type': 0, 'start_date': now - 60, 'period': 3600}]})
    # the tenant host: everything but globex
    check_host(api, r, a, thost, url, key, deadline, skip_customer='globex')
    # the timer puts hosts in maintenance at the start of a minute
    end = time.time() + 90
    while time.time() < end:
        ms = {x['hostid']: x['maintenance_status'] for x in api.call(
            'host.get', {'hostids': [h['hostid'], thost], 'output': ['maintenance_status']})}
        if ms.get(h['hostid']) == '1':
            break
        time.sleep(3)
    r.check(ms == {h['hostid']: '1', thost: '0'},
            f'a maintenance of the customer\'s group covers its host and not the tenant host: {ms}')


def read(url, key, only_customer=None, skip_customer=None):
    """The metrics a host should show: a customer host its customer's series (connectors are the tenant
    host's), a tenant host with customer hosts all but those customers'."""
    m = Metrics(fetch(url, key), time.time())
    if only_customer is not None:
        m.series = [s for s in m.series if s[1].get('customer') == only_customer]
    if skip_customer is not None:
        m.series = [s for s in m.series if s[1].get('customer') != skip_customer]
    return m


def check_host(api, r, a, hostid, url, key, deadline, only_customer=None, skip_customer=None):
    # 3. wait for discovery and values
    t_wait = time.time()
    m = None
    while True:
        m = read(url, key, only_customer, skip_customer)
        want = set()
        for rule_key, (family, labs) in RULES.items():
            for l, _ in m.rows(family):
                want.add((rule_key, tuple(l.get(k, '') for k in labs)))
        items = api.call('item.get', {'hostids': hostid, 'output': ['key_', 'lastvalue', 'lastclock',
                                                                    'state', 'error', 'flags',
                                                                    'value_type'],
                                      'filter': {'flags': 4}})
        master = api.call('item.get', {'hostids': hostid, 'filter': {'key_': 'vigil.get_metrics'},
                                       'output': ['lastclock', 'state', 'error']})[0]
        have = {}
        for it in items:
            name, params = split_key(it['key_'])
            have[(name, tuple(params))] = it
        expected_items = []
        for rule_key, ent in want:
            for name, (labs, metric, how) in ITEMS.items():
                if RULES[rule_key][1] is labs:
                    expected_items.append((name, ent))
        missing = [k for k in expected_items if k not in have]
        # still waiting: no value yet, or not supported although the exporter has the series
        # (a calculated item evaluated before its inputs had values recovers on its next run)
        waiting = [k for k in expected_items if k in have and (
            (int(have[k]['lastclock']) == 0 and have[k]['state'] == '0')
            or (have[k]['state'] != '0'
                and expected_value(m, k[0], list(k[1]), time.time())[0] is not None))]
        if not missing and not waiting:
            break
        if time.time() > deadline:
            print(f"master item: lastclock={master['lastclock']} state={master['state']} "
                  f"error={master['error']!r}")
            for k in missing[:10]:
                print(f'  not discovered: {k}')
            for k in waiting[:10]:
                print(f'  no value yet: {k}')
            if a.server_log:
                try:
                    with open(a.server_log, encoding='utf-8', errors='replace') as f:
                        print(''.join(f.readlines()[-30:]))
                except OSError:
                    pass
            r.check(False, f'discovery complete within {a.timeout}s ({len(missing)} items not '
                           f'discovered, {len(waiting)} without value)')
            return
        time.sleep(2)
    print(f'ok: {len(expected_items)} discovered items have values after {time.time() - t_wait:.0f}s '
          f"(master item: {master['error'] or 'ok'})")
    r.ok('discovery created every expected item')
    r.check(master['state'] == '0', f"master item is supported ({master['error']})")

    # 4. values agree with what the exporter serves (fresh read, drift allowed for ages)
    items = api.call('item.get', {'hostids': hostid, 'filter': {'flags': 4},
                                  'output': ['key_', 'lastvalue', 'lastclock', 'state', 'error']})
    m = read(url, key, only_customer, skip_customer)
    compared = 0
    for it in items:
        name, params = split_key(it['key_'])
        if name not in ITEMS:
            r.check(False, f'unexpected discovered item {it["key_"]}')
            continue
        want_v, tol = expected_value(m, name, params, int(it['lastclock']))
        if want_v is None:
            # the exporter has no such series (e.g. a metric the demo does not fill): the item
            # must say so rather than show a made-up number
            r.check(it['state'] == '1' or int(it['lastclock']) == 0,
                    f'{it["key_"]}: exporter has no series but Zabbix shows {it["lastvalue"]}')
            continue
        if it['state'] != '0':
            r.check(False, f'{it["key_"]}: not supported: {it["error"]}')
            continue
        got = float(it['lastvalue'])
        if isinstance(tol, tuple):
            # "now minus the last event": compare the event times both imply. A newer event (a
            # heartbeat, a successful run) that arrived after Zabbix's read is agreement too.
            _, at, clock = tol
            ev_zbx, ev_exp = clock - got, at - want_v
            # An unchanged value is agreement as well: a source whose ages do not move (the fixed
            # fake fleet) serves the same number however long after Zabbix's read we look.
            ok = abs(ev_zbx - ev_exp) <= 3 or ev_exp >= clock - 3 or close(got, want_v, 0)
            r.check(ok, f'{it["key_"]}: Zabbix {got} at {clock} vs exporter {want_v} at {at:.0f}')
            compared += ok
            continue
        if not r.check(close(got, want_v, tol), f'{it["key_"]}: Zabbix {got} vs exporter {want_v} '
                                                 f'(tolerance {tol:.0f})'):
            continue
        compared += 1
    print(f'ok: {compared} item values agree with {url}')

    # overview items (template level, Prometheus pattern "count")
    ov = {i['key_']: i for i in api.call('item.get', {'hostids': hostid, 'search': {'key_': 'vigil.'},
                                                      'filter': {'flags': 0},
                                                      'output': ['key_', 'lastvalue', 'state',
                                                                 'error']})}
    counts = {
        'vigil.jobs.overdue': sum(1 for l, v in m.rows('vigil_job_status')
                                  if l.get('status') == 'overdue' and v == 1),
        'vigil.jobs.ok': sum(1 for l, v in m.rows('vigil_job_status') if l.get('status') == 'ok' and v == 1),
        'vigil.devices.total': len(m.rows('vigil_device_up')),
        'vigil.devices.unavailable': sum(1 for _, v in m.rows('vigil_device_up') if v == 0),
        'vigil.device_errors.active': sum(1 for _, v in m.rows('vigil_device_error_active') if v == 1),
    }
    for k, want_v in (counts.items() if only_customer is None and skip_customer is None else ()):
        it = ov.get(k)
        r.check(it is not None and it['state'] == '0' and it['lastvalue'] != ''
                and float(it['lastvalue']) == want_v,
                f'{k}: Zabbix {it and (it["lastvalue"], it["error"])} vs exporter {want_v}')

    # 5. problems
    exp, quiet = expected_problems(m)
    proto_name = {t['triggerid']: t['description'] for t in
                  api.call('triggerprototype.get', {'hostids': hostid, 'output': ['description']})}

    def kind_of(pname):
        for sub, kind in TRIGGER_KINDS:
            if sub in pname:
                return kind
        return None

    def state():
        trigs = api.call('trigger.get', {'hostids': hostid, 'output': ['description', 'value', 'state',
                                                                      'error', 'priority'],
                                         'selectItems': ['key_'], 'selectTriggerDiscovery': 'extend',
                                         'selectDependencies': ['triggerid'],
                                         'expandDescription': True})
        found = {}
        plain = {}
        for t in trigs:
            disc = t.get('triggerDiscovery') or {}
            parent = disc.get('parent_triggerid') if isinstance(disc, dict) else None
            if not parent:
                plain[t['description']] = t
                continue
            kind = kind_of(proto_name.get(parent, ''))
            ent = tuple(split_key(t['items'][0]['key_'])[1])
            found[(kind, ent)] = t
        return found, plain

    # triggers are evaluated as values arrive; give the last values a little time to be processed
    want_problems = {(k, e) for k, ents in exp.items() for e in ents}
    while True:
        found, plain = state()
        pending = [p for p in want_problems if p not in found or found[p]['value'] != '1']
        if not pending or time.time() > deadline:
            break
        time.sleep(2)
    problems = api.call('problem.get', {'hostids': hostid, 'output': ['objectid', 'name', 'severity']})
    problem_ids = {p['objectid'] for p in problems}
    for kind, ents in sorted(exp.items()):
        for e in sorted(ents):
            t = found.get((kind, e))
            if not r.check(t is not None and t['value'] == '1' and t['triggerid'] in problem_ids,
                           f'{ALERTS.get(kind) or kind} {e}: expected a problem, trigger '
                           f'{t and (t["description"], t["value"], t["error"])}'):
                continue
            sev = ERROR_SEVERITY.get(e[-1], 2) if kind == 'device_error' else SEVERITY.get(kind)
            r.check(sev is None or int(t['priority']) == sev,
                    f'{t["description"]}: severity {t["priority"]}, expected {sev}')
    n_quiet = 0
    for kind, ents in sorted(quiet.items()):
        for e in sorted(ents):
            t = found.get((kind, e))
            if t is None:
                continue
            n_quiet += 1
            r.check(t['value'] == '0', f'{kind} {e}: expected no problem, got "{t["description"]}"')
    print(f'ok: {len(want_problems)} expected problems raised ({sum(1 for p in problems)} open), '
          f'{n_quiet} triggers correctly quiet')
    for p in sorted(problems, key=lambda p: (-int(p['severity']), p['name'])):
        print(f"   problem [{p['severity']}] {p['name']}")
    nd = [t for d, t in plain.items() if 'No metrics from the exporter' in d]
    r.check(len(nd) == 1 and nd[0]['value'] == '0', 'no-data trigger exists and is OK')
    # A trigger first evaluated before all its items had a value is "unknown" until re-evaluated;
    # one whose master (dependency) is in problem is not re-evaluated meanwhile - that is Zabbix's
    # dependency semantics, not a template error. Any other unknown trigger is.
    values = {t['triggerid']: t['value'] for t in found.values()}
    unknown = [f"{t['description']}: {t['error']}" for t in found.values() if t['state'] != '0'
               and not any(values.get(d['triggerid']) == '1' for d in t.get('dependencies', []))]
    r.check(not unknown, f'triggers in unknown state: {unknown[:5]}')


class Scenarios:
    """Changes the fake fleet's file between polls: one failed poll opens nothing; a device going down
    suppresses new job problems and resolves none."""

    def __init__(self, api, r, path, hostid, url, key):
        self.api, self.r, self.path, self.hostid, self.key = api, r, path, hostid, key
        with open(path, encoding='utf-8') as f:
            self.base = f.read()
        self.window = int(TEST_WINDOW[:-1])

    def write(self, text):
        with open(self.path + '.tmp', 'w', encoding='utf-8') as f:
            f.write(text)
        os.replace(self.path + '.tmp', self.path)

    def mutate(self, changes):
        """changes: {series as written in the file (name{labels}): new value}"""
        lines = []
        for line in self.base.splitlines():
            series = line.rsplit(' ', 1)[0]
            lines.append(f'{series} {changes.pop(series)}' if series in changes else line)
        assert not changes, f'series not in the fake file: {list(changes)}'
        return '\n'.join(lines) + '\n'

    def master_clock(self):
        return int(self.api.call('item.get', {'hostids': self.hostid, 'filter': {'key_': 'vigil.metrics.lines'},
                                              'output': ['lastclock']})[0]['lastclock'])

    def wait_polls(self, n, after):
        """Waits until n polls of the master item happened after the time `after`."""
        seen = set()
        end = time.time() + 30 * n
        while len(seen) < n and time.time() < end:
            c = self.master_clock()
            if c >= after:
                seen.add(c)
            time.sleep(0.3)

    def trigger(self, prefix, ent):
        for t in self.api.call('trigger.get', {'hostids': self.hostid, 'output': ['description', 'value'],
                                               'selectItems': ['key_'], 'expandDescription': True}):
            if t['description'].startswith(prefix) and any(tuple(split_key(i['key_'])[1]) == ent for i in t['items']):
                return t
        return None

    def wait_value(self, t, value, timeout):
        end = time.time() + timeout
        while time.time() < end:
            got = self.api.call('trigger.get', {'triggerids': t['triggerid'], 'output': ['value']})[0]['value']
            if got == value:
                return True
            time.sleep(1)
        return False

    def run(self):
        try:
            self.one_failed_poll()
            self.suppression()
            self.refused_read()
        finally:
            self.write(self.base)

    def refused_read(self):
        refused_read(self.api, self.r, self.hostid, '{$VIGIL.KEY}', self.key, 'Vigil: The exporter refused the read')

    def one_failed_poll(self):
        r = self.r
        bad = self.mutate({
            'vigil_connector_up{tenant="northwind",connector="imgmgr-1"}': '0.0',
            'vigil_device_up{tenant="northwind",customer="acme",device="ws-01"}': '0.0',
            'vigil_job_status{tenant="northwind",customer="globex",device="pc-07",backup_job="Documents, home",status="ok"}': '0.0',
            'vigil_job_status{tenant="northwind",customer="globex",device="pc-07",backup_job="Documents, home",status="failed"}': '1.0',
            'vigil_device_error_active{tenant="northwind",customer="acme",device="ws-01",error="license_exceeded"}': '1.0',
            'vigil_chain_broken{tenant="northwind",customer="acme",connector="imgmgr-1",folder="ACME-SRV01",volume="D"}': '1.0',
        })
        t0 = int(time.time())
        self.write(bad)
        self.wait_polls(1, t0 + 1)  # a poll in the second of the write may have read the old file
        self.write(self.base)
        up = self.api.call('item.get', {'hostids': self.hostid, 'output': ['itemid'],
                                        'filter': {'key_': 'vigil.connector.up[northwind,imgmgr-1]'}})[0]
        time.sleep(self.window + 15)  # the window, then a few good polls
        hist = self.api.call('history.get', {'itemids': up['itemid'], 'history': 3, 'time_from': t0,
                                             'output': ['value', 'clock']})
        r.check(any(h['value'] == '0' for h in hist),
                f'one failed poll: Zabbix stored the failed poll (connector up values since: {[h["value"] for h in hist]})')
        events = self.api.call('event.get', {'hostids': self.hostid, 'time_from': t0, 'value': 1, 'source': 0,
                                             'object': 0, 'output': ['name']})
        if r.check(not events, f'one failed poll opens nothing: new problems {[e["name"] for e in events]}'):
            print(f'ok: one failed poll ({len([h for h in hist if h["value"] == "0"])} value(s) of 0) opened '
              f'{len(events)} problems')

    def suppression(self):
        r = self.r
        job = ('northwind', 'acme', 'ws-01', 'Daily files')
        jsel = 'tenant="northwind",customer="acme",device="ws-01",backup_job="Daily files"'
        late = {f'vigil_job_status{{{jsel},status="ok"}}': '0.0', f'vigil_job_status{{{jsel},status="overdue"}}': '1.0',
                f'vigil_job_since_last_success_seconds{{{jsel}}}': '200000.5'}
        self.write(self.mutate(dict(late)))
        t = self.trigger('Vigil: Job "Daily files" on ws-01 (acme) is overdue', job)
        if not r.check(t is not None and self.wait_value(t, '1', 90), 'suppression: the late job\'s overdue problem opens'):
            return
        prob = self.api.call('problem.get', {'objectids': t['triggerid'], 'output': ['eventid']})
        t1 = int(time.time())
        down = dict(late, **{'vigil_device_up{tenant="northwind",customer="acme",device="ws-01"}': '0.0'})
        self.write(self.mutate(down))
        dev = self.trigger('Vigil: Device ws-01 (acme) is unavailable', job[:3])
        r.check(dev is not None and self.wait_value(dev, '1', 90), 'suppression: the device problem opens')
        self.wait_polls(3, int(time.time()))
        still = self.api.call('problem.get', {'objectids': t['triggerid'], 'output': ['eventid', 'r_eventid']})
        oks = self.api.call('event.get', {'objectids': t['triggerid'], 'time_from': t1, 'value': 0, 'source': 0,
                                          'object': 0, 'output': ['eventid']})
        r.check(len(prob) == 1 and [p['eventid'] for p in still] == [prob[0]['eventid']] and not oks,
                f'device-down suppression resolves nothing: open before {prob}, after {still}, OK events {oks}')
        self.write(self.base)
        if r.check(self.wait_value(t, '0', 90) and self.wait_value(dev, '0', 90),
                   'suppression: the job and device problems resolve once the job and the device recover'):
            print('ok: the device going down resolved nothing; both problems resolved on recovery')


def big_tenant(path, devices, jobs_per_device):
    """A tenant of devices x jobs_per_device jobs (the scale check's fleet), in the exporter's format."""
    out = []
    for d in range(devices):
        dev = f'tenant="big",customer="cust-{d % 20:02d}",device="dev-{d:04d}"'
        out.append(f'vigil_device_up{{{dev}}} 1.0')
        out.append(f'vigil_device_heartbeat_interval_seconds{{{dev}}} 60.0')
        out.append(f'vigil_device_since_last_heartbeat_seconds{{{dev}}} 30.0')
        for j in range(jobs_per_device):
            job = f'{dev},backup_job="job-{j}"'
            for st in STATUS:
                out.append(f'vigil_job_status{{{job},status="{st}"}} {1.0 if st == "ok" else 0.0}')
            for metric, v in (('since_last_success_seconds', 600.5), ('grace_seconds', 86400.0),
                              ('last_success_timestamp_seconds', 1795624048.5), ('consecutive_failures', 0.0),
                              ('last_run_duration_seconds', 123.25), ('last_run_bytes', 1.5e9)):
                out.append(f'vigil_job_{metric}{{{job}}} {v}')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(out) + '\n')
    return devices * jobs_per_device


def preprocessing_cpu(server_pgid):
    """CPU seconds used so far by zabbix_server's preprocessing manager and workers."""
    tick = os.sysconf('SC_CLK_TCK')
    total = 0
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            with open(f'/proc/{pid}/cmdline', 'rb') as f:
                cmd = f.read().decode('utf-8', 'replace')
            with open(f'/proc/{pid}/stat') as f:
                st = f.read().rsplit(')', 1)[1].split()
        except OSError:
            continue
        if 'preprocessing' in cmd and int(st[2]) == server_pgid:  # st[2]: process group
            total += int(st[11]) + int(st[12])  # utime + stime
    return total / tick


def scale_check(api, r, a, gid):
    """Preprocessing CPU per item and poll of one large tenant, with the Prometheus patterns in the
    tenant-first order and in the shipped (selective label first) order."""
    url, key = a.scale_target
    n_jobs = int(a.scale_jobs)
    others = [h['hostid'] for h in api.call('host.get', {'groupids': gid, 'output': ['hostid']})]
    ctpl = api.call('template.get', {'filter': {'host': 'Vigil customer by HTTP'}, 'output': ['templateid']})
    others += [h['hostid'] for h in api.call('host.get', {'templateids': ctpl[0]['templateid'], 'output': ['hostid']})]
    api.call('host.massupdate', {'hosts': [{'hostid': h} for h in others], 'status': 1})  # only the measured host polls
    variants = [('tenant first', 'Vigil by HTTP tenant-first')]
    for path, label in [(a.scale_template, None)] + [(v[1], v[0]) for v in a.scale_variant or []]:
        with open(path, encoding='utf-8') as f:
            src = f.read()
        api.call('configuration.import', {'format': 'yaml', 'source': src, 'rules': {
            'groups': {'createMissing': True}, 'templates': {'createMissing': True, 'updateExisting': True},
            'items': {'createMissing': True, 'updateExisting': True},
            'discoveryRules': {'createMissing': True, 'updateExisting': True},
            'triggers': {'createMissing': True, 'updateExisting': True},
            'graphs': {'createMissing': True, 'updateExisting': True},
            'templateDashboards': {'createMissing': True, 'updateExisting': True},
            'valueMaps': {'createMissing': True, 'updateExisting': True}}})
        if label:  # an extra variant to measure beside the two (e.g. an earlier version of the template)
            variants.append((label, re.search(r'^    template: (.+)$', src, re.M).group(1).strip("'")))
    variants.append(('selective first', 'Vigil by HTTP'))
    # Zabbix's own view: configuration cache use (CacheSize) and the preprocessing queue, on a host of
    # internal items that stays enabled
    ihost = api.call('host.create', {'host': 'vigil-scale-internals', 'groups': [{'groupid': gid}]})['hostids'][0]
    internal = {}
    for k in ('zabbix[rcache,buffer,used]', 'zabbix[rcache,buffer,pused]', 'zabbix[preprocessing_queue]'):
        internal[k] = api.call('item.create', {'hostid': ihost, 'name': k, 'key_': k, 'type': 5, 'value_type': 0,
                                               'delay': '5s'})['itemids'][0]

    def zabbix_internals():
        got = {i['key_']: i['lastvalue'] for i in api.call('item.get', {'itemids': list(internal.values()),
                                                                        'output': ['key_', 'lastvalue']})}
        return (f"configuration cache {float(got.get('zabbix[rcache,buffer,used]') or 0) / 2**20:.1f} MiB "
                f"({float(got.get('zabbix[rcache,buffer,pused]') or 0):.1f} % of CacheSize), "
                f"preprocessing queue {got.get('zabbix[preprocessing_queue]')}")

    time.sleep(12)
    print(f'scale: before the big tenant: {zabbix_internals()}')
    cost = {}
    for label, template in variants:
        tid = api.call('template.get', {'filter': {'host': template}, 'output': ['templateid']})[0]['templateid']
        hostid = api.call('host.create', {
            'host': 'vigil-scale-' + re.sub(r'[^0-9A-Za-z]+', '-', label), 'groups': [{'groupid': gid}], 'templates': [{'templateid': tid}],
            'macros': [{'macro': '{$VIGIL.URL}', 'value': url}, {'macro': '{$VIGIL.KEY}', 'value': key, 'type': 1},
                       {'macro': '{$VIGIL.INTERVAL}', 'value': a.interval}]})['hostids'][0]
        t0, n = time.time(), 0
        while time.time() - t0 < 900:
            n = int(api.call('item.get', {'hostids': hostid, 'countOutput': True, 'filter': {'flags': 4},
                                          'search': {'key_': 'vigil.job.'}}))
            if n >= n_jobs * 8:
                break
            time.sleep(5)
        if not r.check(n >= n_jobs * 8, f'scale ({label}): {n} of {n_jobs * 8} job items discovered'):
            return
        # and the other rules (devices) too: the same items in every variant, none created while measuring
        counts = []
        while time.time() - t0 < 900 and (len(counts) < 3 or len(set(counts[-3:])) > 1):
            counts.append(int(api.call('item.get', {'hostids': hostid, 'countOutput': True, 'filter': {'flags': 4}})))
            time.sleep(5)
        lines = api.call('item.get', {'hostids': hostid, 'filter': {'key_': 'vigil.metrics.lines'},
                                      'output': ['itemid']})[0]['itemid']
        seen, end = set(), time.time() + 300
        while len(seen) < 3 and time.time() < end:  # LLD done and reads flowing again
            c = int(api.call('item.get', {'itemids': lines, 'output': ['lastclock']})[0]['lastclock'])
            if c >= time.time() - 3 * int(a.interval[:-1]):
                seen.add(c)
            time.sleep(1)
        print(f'scale ({label}): {n} job items discovered in {time.time() - t0:.0f}s; {zabbix_internals()}')
        if not r.check(len(seen) >= 3, f'scale ({label}): reads flowing before measuring ({len(seen)} recent reads '
                                       f'in 300 s; {zabbix_internals()})'):
            master = api.call('item.get', {'hostids': hostid, 'filter': {'key_': 'vigil.get_metrics'},
                                           'output': ['lastclock', 'state', 'error']})
            print(f'   master item: {master}')
            if a.server_log:
                with open(a.server_log, encoding='utf-8', errors='replace') as f:
                    print(''.join(f.readlines()[-20:]))
            return
        polls = 6
        c0, w0 = preprocessing_cpu(a.server_pgid), time.time()
        time.sleep(polls * int(a.interval[:-1]))
        used, wall = preprocessing_cpu(a.server_pgid) - c0, time.time() - w0
        # the measurement counts only if the host was really read and preprocessed meanwhile
        time.sleep(5)  # the last values of the window reach the history
        reads = api.call('history.get', {'itemids': lines, 'history': 3, 'time_from': int(w0),
                                         'time_till': int(w0 + wall), 'output': ['clock']})
        job_values = api.call('history.get', {'hostids': hostid, 'history': 0, 'time_from': int(w0),
                                              'time_till': int(w0 + wall), 'countOutput': True})
        if not r.check(len(reads) >= polls - 1 and int(job_values) >= n_jobs * 4 * (polls - 1),
                       f'scale ({label}): {len(reads)} reads and {job_values} float values stored while measuring'):
            return
        print(f'scale ({label}): {len(reads)} reads, {job_values} float values stored while measuring')
        items = int(api.call('item.get', {'hostids': hostid, 'countOutput': True}))
        per = used / (items * wall / int(a.interval[:-1]))
        cost[label] = per
        print(f'scale ({label}): {n_jobs} jobs, {items} items: preprocessing {used:.2f} CPU-s in {wall:.0f}s '
              f'= {per * 1e6:.1f} CPU-us per item and poll = {per * items:.3f} CPU-s per poll')
        # deleted, not only disabled, so that the next host is measured beside one big tenant, not two;
        # disabled first and retried: a delete while the server still writes the host's data can fail
        api.call('host.update', {'hostid': hostid, 'status': 1})
        for attempt in range(6):
            time.sleep(5)
            try:
                api.call('host.delete', [hostid])
                break
            except RuntimeError as e:
                print(f'scale ({label}): host.delete failed, retrying: {e}')
        else:
            r.check(False, f'scale ({label}): the measured host could not be deleted')
            return
    ratio = cost['tenant first'] / max(cost['selective first'], 1e-9)
    r.check(ratio >= 5, f'scale: selective label first costs {ratio:.1f}x less per item than tenant first (want >= 5x)')
    print(f'scale: preprocessing cost per item down {ratio:.1f}x')
    for label, per in cost.items():
        print(f"scale: {label}: {per * 1e6:.1f} CPU-us per item and poll, {cost['tenant first'] / per:.1f}x less "
              f"than tenant first")


def expected_admin_problems(m):
    """Prometheus alert -> {entity: fires} for the admin /metrics alerts."""
    out = {'VigilStoreFailing': {(): v == 0 for _, v in m.rows('vigil_store_healthy')},
           'VigilTlsCertificateExpiresSoon': {(): v - m.at < 14 * 86400
                                              for _, v in m.rows('vigil_tls_certificate_expiry_timestamp_seconds')},
           'VigilTenantNearEntityLimit': {}}
    for l, limit in m.rows('vigil_tenant_entity_limit'):
        n = m.get('vigil_tenant_entities', tenant=l['tenant'], kind=l['kind'])
        if n is not None and limit > 0:
            out['VigilTenantNearEntityLimit'][(l['tenant'], l['kind'])] = n / limit >= 0.9
    return out


ADMIN_TRIGGERS = [('store is failing', 'VigilStoreFailing'), ('certificate expires soon', 'VigilTlsCertificateExpiresSoon'),
                  ('is near its', 'VigilTenantNearEntityLimit')]


def refused_read(api, r, hostid, macro, key, trigger_name):
    """A wrong key (401) raises "refused the read" at the next poll, not after the no-data timeout."""
    m = api.call('usermacro.get', {'hostids': hostid, 'filter': {'macro': macro}, 'output': ['hostmacroid']})[0]
    t = api.call('trigger.get', {'hostids': hostid, 'output': ['description', 'value'],
                                 'filter': {'description': trigger_name}})
    if not r.check(len(t) == 1 and t[0]['value'] == '0', f'"{trigger_name}" trigger exists and is OK: {t}'):
        return

    def wait_value(value, timeout):
        end = time.time() + timeout
        while time.time() < end:
            if api.call('trigger.get', {'triggerids': t[0]['triggerid'], 'output': ['value']})[0]['value'] == value:
                return True
            time.sleep(1)
        return False
    t0 = time.time()
    api.call('usermacro.update', {'hostmacroid': m['hostmacroid'], 'value': 'wrong-key', 'type': 1})
    try:
        fired = wait_value('1', 60)
        r.check(fired, f'a 401 (wrong key in {macro}) raises "{trigger_name}" within 60 s')
        if fired:
            print(f'ok: a wrong key raised "{trigger_name}" after {time.time() - t0:.0f}s (no-data timeout: 10m)')
    finally:
        api.call('usermacro.update', {'hostmacroid': m['hostmacroid'], 'value': key, 'type': 1})
    r.check(wait_value('0', 60), f'"{trigger_name}" resolves once the key is right again')


def check_admin_host(api, r, hostid, url, key, deadline):
    m = Metrics(fetch(url, key), time.time())
    want = expected_admin_problems(m)
    n_tenants = len(want['VigilTenantNearEntityLimit'])

    def triggers():
        trigs = api.call('trigger.get', {'hostids': hostid, 'output': ['description', 'value', 'state', 'error'],
                                         'selectItems': ['key_'], 'expandDescription': True})
        got = {}
        for t in trigs:
            alert = next((al for sub, al in ADMIN_TRIGGERS if sub in t['description']), None)
            if alert == 'VigilTenantNearEntityLimit':
                got[(alert, tuple(split_key(t['items'][0]['key_'])[1]))] = t
            elif alert:
                got[(alert, ())] = t
        return got
    want_open = {(al, e) for al, ents in want.items() for e, fires in ents.items() if fires}
    while True:
        got = triggers()
        tenants = sum(1 for al, _ in got if al == 'VigilTenantNearEntityLimit')
        if (tenants == n_tenants and all(p in got and got[p]['value'] == '1' for p in want_open)) \
                or time.time() > deadline:
            break
        time.sleep(2)
    r.check(tenants == n_tenants, f'tenant limit triggers discovered: {tenants} of {n_tenants}')
    problem_ids = {p['objectid'] for p in api.call('problem.get', {'hostids': hostid, 'output': ['objectid']})}
    for alert, ents in sorted(want.items()):
        for e, fires in sorted(ents.items()):
            t = got.get((alert, e))
            if fires:
                r.check(t is not None and t['value'] == '1' and t['triggerid'] in problem_ids,
                        f'{alert} {e}: expected a problem, trigger {t and (t["description"], t["value"], t["error"])}')
            elif t is not None:
                r.check(t['value'] == '0', f'{alert} {e}: expected no problem, got "{t["description"]}"')
    print(f'ok: exporter alerts checked: {sorted(want_open)} open')
    for t in got.values():
        r.check(t['state'] == '0', f'{t["description"]}: unknown state: {t["error"]}')
    refused_read(api, r, hostid, '{$VIGIL.ADMIN.KEY}', key, 'Vigil exporter: The exporter refused the read')


def unparsed_mail(api, r, hostid, smtp, tenant, address):
    """A mail no parser understands, sent over SMTP to the exporter, raises the tenant's "no parser understood"
    trigger (VigilEmailUnparsed) at the next reads; before it the trigger is OK."""
    name = f'Vigil exporter: tenant {tenant} got notification mails no parser understood'
    key = f'vigil.exporter.tenant.mail_unparsed[{tenant}]'
    end = time.time() + 120
    items = []
    while time.time() < end:  # the item keeps the change between two reads: it needs a first read to count from
        items = api.call('item.get', {'hostids': hostid, 'filter': {'key_': key}, 'output': ['itemid', 'lastclock']})
        if items and int(items[0]['lastclock']) > 0:
            break
        time.sleep(2)
    if not r.check(bool(items) and int(items[0]['lastclock']) > 0, f'item {key} discovered and read: {items}'):
        return
    t = api.call('trigger.get', {'hostids': hostid, 'output': ['triggerid', 'value', 'state', 'error'],
                                 'filter': {'description': name}})
    if not r.check(len(t) == 1 and t[0]['value'] == '0', f'"{name}" exists and is OK before the mail: {t}'):
        return
    msg = email.message.EmailMessage()
    msg['From'] = 'backup@unknown-product.example'
    msg['To'] = address
    msg['Subject'] = 'Job summary from a product Vigil has no parser for'
    msg['Date'] = email.utils.formatdate()
    msg['Message-ID'] = email.utils.make_msgid(domain='unknown-product.example')
    msg.set_content('Everything went fine, in words no parser knows.\n')
    host, port = smtp.rsplit(':', 1)
    t0 = time.time()
    with smtplib.SMTP(host, int(port), timeout=10) as client:
        refused = client.send_message(msg)
    r.check(not refused, f'the exporter accepted the mail for {address}: {refused}')
    fired = False
    while time.time() < t0 + 60 and not fired:
        fired = api.call('trigger.get', {'triggerids': t[0]['triggerid'], 'output': ['value']})[0]['value'] == '1'
        if not fired:
            time.sleep(1)
    problems = {p['objectid'] for p in api.call('problem.get', {'hostids': hostid, 'output': ['objectid']})}
    if r.check(fired and t[0]['triggerid'] in problems, f'an unparsed mail to {address} raises "{name}" within 60 s'):
        print(f'ok: an unparsed mail to {address} raised "{name}" after {time.time() - t0:.0f}s')


def main():
    if len(sys.argv) > 1 and sys.argv[1] == 'fake-server':
        fake_server(*sys.argv[2:6])
        return 0
    if len(sys.argv) > 1 and sys.argv[1] == 'big-tenant':
        print(big_tenant(sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
        return 0
    if len(sys.argv) > 1 and sys.argv[1] == 'pick-tenant':
        return pick_tenant(sys.argv[2], sys.argv[3])
    p = argparse.ArgumentParser()
    p.add_argument('cmd', choices=['verify'])
    p.add_argument('--api', required=True)
    p.add_argument('--template', required=True)
    p.add_argument('--target', nargs=3, action='append', required=True, metavar=('NAME', 'URL', 'KEY'),
                   help='a metrics source: host name suffix, tenant metrics URL, read key')
    p.add_argument('--admin-template', required=True)
    p.add_argument('--customer-template', required=True)
    p.add_argument('--admin-target', nargs=3, action='append', metavar=('NAME', 'URL', 'KEY'),
                   help='an admin /metrics source for the "Vigil exporter by HTTP" template')
    p.add_argument('--admin-mail', nargs=4, action='append', metavar=('NAME', 'HOST:PORT', 'TENANT', 'ADDRESS'),
                   help='the SMTP listener behind admin target NAME: an unparsed mail to ADDRESS (of TENANT) '
                        'must raise the tenant\'s unparsed-mail trigger')
    p.add_argument('--fake-file', help='the file the fake server serves for --target fake (changed by the scenarios)')
    p.add_argument('--scale-target', nargs=2, metavar=('URL', 'KEY'), help='a large tenant for the scale check')
    p.add_argument('--scale-template', help='the tenant-first variant of the template')
    p.add_argument('--scale-jobs', default='0')
    p.add_argument('--scale-variant', nargs=2, action='append', metavar=('LABEL', 'YAML'),
                   help='another template to measure in the scale check (its own template name)')
    p.add_argument('--server-pgid', type=int)
    p.add_argument('--interval', default='5s')
    p.add_argument('--server-log')
    p.add_argument('--timeout', type=int, default=240)
    a = p.parse_args()
    r = Result()
    try:
        verify(a, r)
    except Exception as e:  # an API or network error is a failure, reported as such
        r.check(False, f'{type(e).__name__}: {e}')
    print(f'zabbix: {r.passed} passed, {r.failed} failed')
    return 0 if r.failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
