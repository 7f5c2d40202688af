#!/usr/bin/env python3
"""Writes the Vigil Grafana dashboards (dashboards/*.json) from the definitions below.

The JSON files are what Grafana provisions and what the tests read; this script is only a
convenient way to keep six dashboards consistent (same variables, same datasource handling,
same colours). Edit a dashboard here and run `python3 dashboards/generate.py`, or edit the JSON
in Grafana, export it, and port the change back here.
"""
import json
import os

DS = {"type": "prometheus", "uid": "${datasource}"}
SCHEMA_VERSION = 39

# Label matchers reused by the queries. Multi-value variables render as a regex (a|b|c).
T = 'tenant=~"$tenant"'
TC = T + ',customer=~"$customer"'
TCD = TC + ',device=~"$device"'
TCDJ = TCD + ',backup_job=~"$backup_job"'

STATUS_MAPPINGS = [{
    "type": "value",
    "options": {
        "0": {"text": "ok", "color": "green", "index": 0},
        "1": {"text": "warning", "color": "yellow", "index": 1},
        "2": {"text": "failed", "color": "red", "index": 2},
        "3": {"text": "overdue", "color": "purple", "index": 3},
    },
}]
UP_MAPPINGS = [{
    "type": "value",
    "options": {
        "0": {"text": "DOWN", "color": "red", "index": 0},
        "1": {"text": "up", "color": "green", "index": 1},
    },
}]
STATUS_COLOURS = [
    {"matcher": {"id": "byName", "options": n}, "properties": [{"id": "color", "value": {"mode": "fixed", "fixedColor": c}}]}
    for n, c in (("ok", "green"), ("warning", "yellow"), ("failed", "red"), ("overdue", "purple"))
]


# Panel descriptions by title (a title means the same on every dashboard); a panel may give its own.
DESCRIPTIONS = {
    'Jobs ok': 'Backup jobs of the selection whose newest run succeeded within their grace.',
    'Jobs warning': 'Backup jobs whose newest run ended with warnings (e.g. files skipped).',
    'Jobs failed': 'Backup jobs whose newest run failed.',
    'Jobs overdue': 'Backup jobs without a successful run within their own grace period.',
    'Active device errors': 'Errors the selected site servers report as active (disk full, cameras unreachable, archive failures, ...).',
    'Jobs by status per tenant': 'Number of backup jobs per tenant and status (recording rule vigil:job_status:count_by_tenant).',
    'Overnight: jobs by status': 'Number of jobs per status over time: how the night went.',
    'Overdue jobs': 'Only the overdue jobs, with the time since their last success. Click a customer or job for its dashboard.',
    'Failed jobs': 'Only the jobs whose newest run failed, with the number of failures in a row. Click a customer or job for its dashboard.',
    'Unavailable devices (3 missed heartbeats)': 'Only the devices that missed 3 heartbeats in a row, with the time since the last one.',
    'Devices unavailable': 'Heartbeat devices of the selection that missed 3 heartbeats in a row.',
    'Active errors': 'Errors the selected devices report as active.',
    'Job status history': 'Status of each job over time: green ok, yellow warning, red failed, purple overdue.',
    'Last status of every job': 'Every job of the selection: status, age of the last success against its grace, duration and bytes of the newest run.',
    'Bytes of the newest run': 'Bytes the newest run of each job backed up, as reported by the agent.',
    'Runs by result': 'Runs reported per interval, by result (success, warning, failed).',
    'Devices': 'Heartbeat devices: state, time since the last heartbeat and the expected interval.',
    'Usage and retention': "Bytes in the customer's image chains (usage: needed for the newest image; retention: kept for older restore points) and the customer's configured quota, if it has one.",
    'Repository free space': "Free and total bytes of the file stores holding the repositories where the customer's folders are (the connectors that found them). Not a quota: other customers' images share this space.",
    'Job': "The job's product, first seen, last run, last success and grace.",
    'Status': 'Worst status of the selected jobs: ok, warning, failed or overdue.',
    'Age of last success vs grace': 'Time since the last success against the grace; above the grace line the job is overdue.',
    'Duration of the newest run': 'Duration of the newest run, as reported by the agent.',
    'Files of the newest run': 'Files the newest run backed up, as reported by the agent.',
    'Errors and warnings of the newest run': 'Errors and warnings the newest run reported.',
    'Chains': 'Image chains (one per folder and volume) of the selection.',
    'Broken chains': 'Chains with an image whose parent is missing: they cannot be restored past that point.',
    'Unmanaged folders': 'Folders that match the folder template but are not managed by ImageManager, so not monitored.',
    'Connectors down': "Connectors whose last poll failed; their chains show the last good poll's data.",
    'Deepest chain': 'Most images from base to newest in one chain; over 250 consolidation is probably not running.',
    'Usage, retention and quota per customer': "Bytes in each customer's chains (usage and retention) and its configured quota (customers with quota_bytes only).",
    'Quota used per customer': "Bytes in the customer's chains / its configured quota_bytes; customers without a quota are not listed (free space is not a quota).",
    'Repository free space and 3-day forecast': 'Free and total bytes of the file store holding each repository, and the free space in 3 days at the rate of the last 6 hours.',
    'Repository free': 'Free / total bytes of the file store holding each repository; under 10 % pages.',
    'Depth': 'Images from base to newest of each chain over time.',
    'Images by kind': 'Images by kind (base, incremental, consolidated) over time.',
    'Newest image age': 'Age of the newest image of each chain over time.',
    'Connector polls': 'Each connector: state of the last poll, time since it and its duration.',
    'Poll duration': 'How long each connector poll took.',
    'Unavailable': 'Devices that missed 3 heartbeats in a row.',
    'Oldest heartbeat': 'Time since the oldest last heartbeat among the selected devices.',
    'Active errors (only devices in error)': 'Only the devices with an active error, and which.',
    'Heartbeat freshness': 'Every device: state, time since its last heartbeat, interval, intervals missed (3 = unavailable).',
    'Availability': 'Device availability over time (up, or DOWN after 3 missed heartbeats).',
    'Heartbeat intervals since the last heartbeat (3 = unavailable)': 'Time since the last heartbeat in heartbeat intervals; at 3 the device is unavailable.',
    'Active errors by type': 'Active device errors over time, by error type.',
    'Device inventory': 'Every device with its product and version.',
    'Build': 'Version of each scraped exporter (vigil_build_info).',
    'Scrape duration': 'How long Prometheus takes to scrape each exporter.',
    'Samples per scrape': 'Samples each scrape returns: grows with jobs, devices and chains.',
    'Tenants': 'Configured tenants.',
    'Push requests by result': 'Push API requests per second by result (accepted, rejected, unauthorized, rate_limited, timeout, unavailable).',
    'Push requests by kind': 'Push API requests per second by kind (job_report, heartbeat, event, batch, retire).',
    'Series per tenant': 'Vigil series per tenant: what each tenant costs in Prometheus.',
    'Series per customer': 'Vigil series per customer.',
    'Series per device': 'Vigil series per device.',
    'JVM memory used': "Heap and non-heap memory the exporter's JVM uses.",
    'JVM threads': "Threads of the exporter's JVM.",
    'GC time': 'Share of time spent in garbage collection.',
    'Process CPU': 'CPU the exporter process uses (1 = one core).',
}


def unit_override(fields_regex, unit):
    return {"matcher": {"id": "byRegexp", "options": fields_regex}, "properties": [{"id": "unit", "value": unit}]}


def up_state_override():
    return {"matcher": {"id": "byName", "options": "State"}, "properties": [
        {"id": "mappings", "value": UP_MAPPINGS}, {"id": "custom.cellOptions", "value": {"type": "color-background"}}]}


def thresholds(*steps):
    """steps: (value, colour) pairs after the base colour, e.g. thresholds("green", (1, "red"))."""
    base, rest = steps[0], steps[1:]
    return {"mode": "absolute", "steps": [{"color": base, "value": None}] + [{"color": c, "value": v} for v, c in rest]}


def q(expr, legend="", instant=False, table=False, ref=None):
    t = {"datasource": DS, "expr": expr, "legendFormat": legend, "range": not instant, "instant": instant}
    if table:
        t["format"] = "table"
    if ref:
        t["refId"] = ref
    return t


class Board:
    def __init__(self, uid, title, description, extra_vars=(), time_from="now-24h", device_var=None):
        self.uid, self.title, self.description = uid, title, description
        self.panels, self.x, self.y, self.row_h = [], 0, 0, 0
        self.time_from = time_from
        self.vars = [datasource_var(), tenant_var(), customer_var(), device_var or device_var_default()] + list(extra_vars)

    def row(self, title):
        self._newline()
        self.panels.append({"type": "row", "title": title, "collapsed": False, "id": len(self.panels) + 1,
                            "gridPos": {"h": 1, "w": 24, "x": 0, "y": self.y}, "panels": []})
        self.y += 1

    def _newline(self):
        if self.x:
            self.x, self.y, self.row_h = 0, self.y + self.row_h, 0

    def panel(self, ptype, title, targets, w=6, h=6, unit=None, description="", options=None,
              mappings=None, th=None, overrides=None, transformations=None, custom=None, decimals=None, no_value=None):
        if self.x + w > 24:
            self._newline()
        for i, t in enumerate(targets):
            t.setdefault("refId", chr(ord("A") + i))
        defaults = {}
        if unit:
            defaults["unit"] = unit
        if mappings:
            defaults["mappings"] = mappings
        if th:
            defaults["thresholds"] = th
        if custom:
            defaults["custom"] = custom
        if decimals is not None:
            defaults["decimals"] = decimals
        if no_value:
            defaults["noValue"] = no_value
        description = description or DESCRIPTIONS.get(title)
        if not description:
            raise ValueError("panel %r of %s has no description" % (title, self.uid))
        p = {
            "type": ptype, "title": title, "description": description, "datasource": DS,
            "id": len(self.panels) + 1,
            "gridPos": {"h": h, "w": w, "x": self.x, "y": self.y},
            "targets": targets,
            "fieldConfig": {"defaults": defaults, "overrides": overrides or []},
            "options": options or {},
        }
        if transformations:
            p["transformations"] = transformations
        self.panels.append(p)
        self.x += w
        self.row_h = max(self.row_h, h)

    def stat(self, title, expr, legend="", **kw):
        # A sum or count over nothing is "no data" in Grafana; 0 is what it means.
        if expr.startswith(("sum(", "count(")):
            expr += " or vector(0)"
        kw.setdefault("options", {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                                  "colorMode": "background", "graphMode": "none", "textMode": "auto"})
        self.panel("stat", title, [q(expr, legend, instant=True)], w=kw.pop("w", 4), h=kw.pop("h", 4), **kw)

    def state_timeline(self, title, expr, legend, mappings, h=8, **kw):
        self.panel("state-timeline", title, [q(expr, legend)], w=24, h=h, mappings=mappings, th=thresholds("green"),
                   options={"showValue": "never", "mergeValues": True, "rowHeight": 0.8,
                            "legend": {"showLegend": False}}, **kw)

    def status_stats(self, expr_for_status):
        """One stat per job status; expr_for_status(status) gives its query."""
        for status, colour in (("ok", "green"), ("warning", "yellow"), ("failed", "red"), ("overdue", "purple")):
            self.stat("Jobs " + status, expr_for_status(status),
                      th=thresholds("green", (1, colour)) if status != "ok" else thresholds("green"))

    def timeseries(self, title, targets, stacked=False, bars=False, **kw):
        custom = {"drawStyle": "bars" if bars else "line", "fillOpacity": 20 if (stacked or bars) else 5,
                  "stacking": {"mode": "normal" if stacked else "none", "group": "A"}, "showPoints": "never"}
        kw.setdefault("options", {"legend": {"displayMode": "table", "placement": "right", "calcs": ["lastNotNull"]},
                                  "tooltip": {"mode": "multi", "sort": "desc"}})
        self.panel("timeseries", title, targets, w=kw.pop("w", 12), h=kw.pop("h", 8), custom=custom, **kw)

    def table(self, title, targets, columns=None, filter_value=None, **kw):
        """Instant table. columns: {field: new name}; fields not named are hidden.
        filter_value: (field, matcher, value) keeps only matching rows (e.g. only the DOWN connectors)."""
        for t in targets:
            t.update({"instant": True, "range": False, "format": "table"})
        tr = []
        if len(targets) > 1:
            tr.append({"id": "merge", "options": {}})
        if filter_value:
            field, matcher, value = filter_value
            tr.append({"id": "filterByValue", "options": {
                "type": "include", "match": "all",
                "filters": [{"fieldName": field, "config": {"id": matcher, "options": {"value": value}}}]}})
        if columns:
            tr.append({"id": "organize", "options": {
                "excludeByName": {"Time": True, "__name__": True, "job": True, "instance": True},
                "indexByName": {k: i for i, k in enumerate(columns)},
                "renameByName": {k: v for k, v in columns.items() if v},
            }})
            # hide every column that is not listed
            tr.append({"id": "filterFieldsByName", "options": {"include": {"names": [v or k for k, v in columns.items()]}}})
        kw.setdefault("options", {"showHeader": True, "cellHeight": "sm", "footer": {"show": False}})
        if columns:
            kw["overrides"] = kw.get("overrides", []) + drill_down_links(columns)
        self.panel("table", title, targets, w=kw.pop("w", 24), h=kw.pop("h", 8), transformations=tr, **kw)

    def json(self):
        self._newline()
        return {
            "uid": self.uid, "title": self.title, "description": self.description,
            "tags": ["vigil"], "timezone": "browser", "editable": True, "graphTooltip": 1,
            "schemaVersion": SCHEMA_VERSION, "version": 1, "refresh": "1m",
            "time": {"from": self.time_from, "to": "now"},
            "annotations": {"list": [{
                "builtIn": 1, "datasource": {"type": "grafana", "uid": "-- Grafana --"}, "enable": True, "hide": True,
                "iconColor": "rgba(0, 211, 255, 1)", "name": "Annotations & Alerts", "type": "dashboard"}]},
            "links": [{"type": "dashboards", "tags": ["vigil"], "asDropdown": True, "title": "Vigil dashboards",
                       "includeVars": True, "keepTime": True}],
            "templating": {"list": self.vars},
            "panels": self.panels,
        }


def drill_down_links(columns):
    """Links from a table's Customer, Device and Job cells to the dashboards of that customer, device or job.
    columns: the table's {label: shown name}; a label not shown is taken from the dashboard's variable."""
    def ref(label):
        return "${__data.fields[\"%s\"]}" % columns[label] if columns.get(label) else None

    def param(label):
        r = ref(label)
        return "var-%s=%s" % (label, r) if r else "${%s:queryparam}" % label

    targets = [("customer", "vigil-customer", "Customer", ["tenant", "customer"]),
               ("device", "vigil-site-health", "Site health", ["tenant", "customer", "device"]),
               ("backup_job", "vigil-job", "Job", ["tenant", "customer", "device", "backup_job"])]
    out = []
    for label, uid, title, params in targets:
        if columns.get(label) and (label != "device" or "backup_job" not in columns):
            url = "/d/%s?%s&${__url_time_range}" % (uid, "&".join(param(x) for x in params))
            out.append({"matcher": {"id": "byName", "options": columns[label]}, "properties": [
                {"id": "links", "value": [{"title": "%s dashboard of ${__value.text}" % title, "url": url}]}]})
    return out


def datasource_var():
    return {"name": "datasource", "label": "Data source", "type": "datasource", "query": "prometheus",
            "current": {}, "hide": 0, "refresh": 1, "regex": "", "includeAll": False, "multi": False, "options": []}


def query_var(name, label, definition, multi=True):
    return {"name": name, "label": label, "type": "query", "datasource": DS, "definition": definition,
            "query": {"qryType": 1, "query": definition, "refId": "PrometheusVariableQueryEditor-VariableQuery"},
            "refresh": 2, "sort": 1, "multi": multi, "includeAll": multi, "current": {}, "hide": 0, "regex": "",
            "options": []}


def tenant_var():
    return query_var("tenant", "Tenant", "label_values(vigil_tenant_info, tenant)")


def customer_var():
    return query_var("customer", "Customer", 'label_values({__name__=~"vigil_job_info|vigil_device_info|vigil_chain_depth|vigil_folder_unmanaged",'
                     + T + '}, customer)')


def device_var_default():
    return query_var("device", "Device", 'label_values({__name__=~"vigil_job_info|vigil_device_info",' + TC + '}, device)')


def backup_job_var():
    return query_var("backup_job", "Backup job", "label_values(vigil_job_info{" + TCD + "}, backup_job)")


def connector_var():
    return query_var("connector", "Connector", "label_values(vigil_connector_up{" + T + "}, connector)")


BYTES_TH = thresholds("green")
AGE_TH = thresholds("green", (86400, "orange"), (172800, "red"))


# ----------------------------------------------------------------------------- 1 NOC overview
def noc():
    b = Board("vigil-noc", "Vigil / NOC overview",
              "Overnight status across all customers, last status of every job, and only what is in error.",
              time_from="now-24h")
    b.row("Counts")
    b.status_stats(lambda status: 'sum(vigil_job_status{' + TCD + ',status="' + status + '"})')
    b.stat("Devices unavailable", "sum(1 - vigil_device_up{" + TCD + "})", th=thresholds("green", (1, "red")),
           description="Heartbeat devices of the selected customers that missed 3 heartbeats in a row.")
    b.stat("Active device errors", "sum(vigil_device_error_active{" + TCD + "})", th=thresholds("green", (1, "red")))
    b.stat("Connectors down", "sum((1 - vigil_connector_up{" + T + "}) and on (tenant, connector) "
           "count by (tenant, connector) (vigil_chain_depth{" + TC + "}))", th=thresholds("green", (1, "red")),
           description="Connectors whose last poll failed, among those holding chains of the selected customers.")
    b.table("Jobs by status per tenant", [q("vigil:job_status:count_by_tenant{" + T + "}")],
            columns={"tenant": "Tenant", "status": "Status", "Value": "Jobs"}, w=8, h=8)
    b.timeseries("Overnight: jobs by status", [q("sum by (status) (vigil_job_status{" + TCD + "})", "{{status}}")],
                 stacked=True, overrides=STATUS_COLOURS, w=16, h=8)
    b.row("Overnight status across all customers")
    b.state_timeline("Worst job status per customer", "vigil:customer_worst_job_status:code{" + TC + "}",
                     "{{tenant}} / {{customer}}", STATUS_MAPPINGS, h=10, description="0 ok, 1 warning, 2 failed, 3 overdue: the worst status among the customer's jobs.")
    b.row("Problems (only what is in error)")
    b.table("Overdue jobs",
            [q("vigil_job_since_last_success_seconds{" + TCD + "} and on (tenant, customer, device, backup_job) "
               "(vigil_job_status{" + TCD + ',status="overdue"} == 1)')],
            columns={"tenant": "Tenant", "customer": "Customer", "device": "Device", "backup_job": "Job",
                     "Value": "Since last success"}, unit="s", w=12,
            th=thresholds("red"))
    b.table("Failed jobs",
            [q("vigil_job_consecutive_failures{" + TCD + "} and on (tenant, customer, device, backup_job) "
               "(vigil_job_status{" + TCD + ',status="failed"} == 1)')],
            columns={"tenant": "Tenant", "customer": "Customer", "device": "Device", "backup_job": "Job",
                     "Value": "Failures in a row"}, w=12)
    b.table("Unavailable devices (3 missed heartbeats)",
            [q("vigil_device_since_last_heartbeat_seconds{" + TCD + "} and on (tenant, customer, device) "
               "(vigil_device_up{" + TCD + "} == 0)")],
            columns={"tenant": "Tenant", "customer": "Customer", "device": "Device", "Value": "Since last heartbeat"},
            unit="s", w=12)
    b.table("Active device errors", [q("vigil_device_error_active{" + TCD + "} == 1")],
            columns={"tenant": "Tenant", "customer": "Customer", "device": "Device", "error": "Error"}, w=12)
    b.table("Connectors down", [q("vigil_connector_up{" + T + "}")], filter_value=("Value", "equal", 0),
            columns={"tenant": "Tenant", "connector": "Connector", "Value": "State"}, mappings=UP_MAPPINGS, w=12,
            description="Only connectors whose last poll failed. Pending the connector issue.")
    b.table("Broken image chains", [q("vigil_chain_broken{" + TC + "}")], filter_value=("Value", "equal", 1),
            columns={"tenant": "Tenant", "customer": "Customer", "connector": "Connector", "folder": "Folder",
                     "volume": "Volume"}, w=12,
            description="Only chains with a missing parent image. Pending the connector issue.")
    return b


# ----------------------------------------------------------------------------- 2 Customer
def customer():
    b = Board("vigil-customer", "Vigil / Customer", "One customer: jobs, devices, errors and image storage.",
              time_from="now-7d")
    b.row("Status")
    b.status_stats(lambda status: 'sum(vigil:job_status:count_by_customer{' + TC + ',status="' + status + '"})')
    b.stat("Devices unavailable", "sum(1 - vigil_device_up{" + TCD + "})", th=thresholds("green", (1, "red")))
    b.stat("Active errors", "sum(vigil_device_error_active{" + TCD + "})", th=thresholds("green", (1, "red")))
    b.state_timeline("Job status history", "vigil:job_status:code{" + TCD + "}", "{{device}} / {{backup_job}}",
                     STATUS_MAPPINGS, h=10)
    b.row("Jobs")
    b.table("Last status of every job", [
        q("vigil:job_status:code{" + TCD + "}"),
        q("vigil_job_since_last_success_seconds{" + TCD + "}"),
        q("vigil_job_grace_seconds{" + TCD + "}"),
        q("vigil_job_last_run_duration_seconds{" + TCD + "}"),
        q("vigil_job_last_run_bytes{" + TCD + "}"),
    ], columns={"customer": "Customer", "device": "Device", "backup_job": "Job", "Value #A": "Status",
                "Value #B": "Since last success", "Value #C": "Grace", "Value #D": "Last duration",
                "Value #E": "Last bytes"},
        overrides=[
            {"matcher": {"id": "byName", "options": "Status"}, "properties": [
                {"id": "mappings", "value": STATUS_MAPPINGS},
                {"id": "custom.cellOptions", "value": {"type": "color-background"}}]},
            unit_override("Since last success|Grace|Last duration", "s"),
            unit_override("Last bytes", "bytes"),
        ], h=10)
    b.timeseries("Bytes of the newest run", [q("vigil_job_last_run_bytes{" + TCD + "}", "{{device}} / {{backup_job}}")],
                 unit="bytes")
    b.timeseries("Runs by result", [q("sum by (result) (increase(vigil_job_runs_total{" + TCD + "}[$__rate_interval]))",
                                      "{{result}}")], bars=True, stacked=True)
    b.row("Devices and site health")
    b.table("Devices", [
        q("vigil_device_up{" + TCD + "}"),
        q("vigil_device_since_last_heartbeat_seconds{" + TCD + "}"),
        q("vigil_device_heartbeat_interval_seconds{" + TCD + "}"),
    ], columns={"device": "Device", "Value #A": "State", "Value #B": "Since last heartbeat", "Value #C": "Interval"},
        overrides=[up_state_override(),
            unit_override("Since last heartbeat|Interval", "s")],
        w=12)
    b.table("Active errors", [q("vigil_device_error_active{" + TCD + "} == 1")],
            columns={"device": "Device", "error": "Error"}, w=12)
    b.row("Image storage (connector)")
    b.panel("bargauge", "Quota used", [q("vigil:customer_quota_used:ratio{" + TC + "}", "{{customer}}", instant=True)],
            w=8, h=6, unit="percentunit", th=thresholds("green", (0.8, "orange"), (0.9, "red")),
            options={"orientation": "horizontal", "displayMode": "gradient",
                     "reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False}},
            no_value="no quota configured",
            description="Bytes in the customer's chains (usage + retention) / its configured quota_bytes. Only customers "
                        "with a quota have one: free space on a repository is not a quota (see Repository free space).")
    b.timeseries("Usage and retention", [
        q("sum by (customer) (vigil_chain_usage_bytes{" + TC + "})", "usage {{customer}}"),
        q("sum by (customer) (vigil_chain_retention_bytes{" + TC + "})", "retention {{customer}}"),
        q("max by (customer) (vigil_customer_quota_bytes{" + TC + "})", "quota {{customer}}"),
    ], stacked=False, unit="bytes", w=16, h=6)
    b.timeseries("Repository free space", [
        q("max by (connector) (vigil_repository_free_bytes{" + T + "} and on (tenant, connector) vigil_folder_unmanaged{" + TC + "})",
          "free {{connector}}"),
        q("max by (connector) (vigil_repository_size_bytes{" + T + "} and on (tenant, connector) vigil_folder_unmanaged{" + TC + "})",
          "size {{connector}}"),
    ], unit="bytes", w=24, h=6)
    return b


# ----------------------------------------------------------------------------- 3 Job
def job():
    b = Board("vigil-job", "Vigil / Job", "One backup job: run history (status, duration, bytes) and age against grace.",
              extra_vars=[backup_job_var()], time_from="now-7d")
    b.row("Now")
    # max(): one tile, the worst of the selected jobs, also when several (or All) are selected
    b.stat("Status", "max(vigil:job_status:code{" + TCDJ + "})", mappings=STATUS_MAPPINGS,
           th=thresholds("green"), w=6, description="Worst status of the selected jobs: ok, warning, failed or overdue.")
    b.stat("Age of last success / grace", "max(vigil:job_since_last_success_over_grace:ratio{" + TCDJ + "})",
           unit="percentunit", th=thresholds("green", (0.8, "orange"), (1, "red")), w=6,
           description="Age of the last success as a share of the grace; at 100 % the job is overdue.")
    b.stat("Failures in a row", "max(vigil_job_consecutive_failures{" + TCDJ + "})",
           th=thresholds("green", (1, "orange"), (3, "red")), w=6,
           description="Runs that failed in a row (the most among the selected jobs); 3 pages.")
    b.stat("Since last success", "max(vigil_job_since_last_success_seconds{" + TCDJ + "})",
           unit="s", th=thresholds("green"), w=6, description="Time since the last successful run (the oldest among the selected jobs).")
    b.table("Job", [
        q("vigil_job_info{" + TCDJ + "}"),
        q("vigil_job_first_seen_timestamp_seconds{" + TCDJ + "} * 1000"),
        q("vigil_job_last_run_timestamp_seconds{" + TCDJ + "} * 1000"),
        q("vigil_job_last_success_timestamp_seconds{" + TCDJ + "} * 1000"),
        q("vigil_job_grace_seconds{" + TCDJ + "}"),
    ], columns={"customer": "Customer", "device": "Device", "backup_job": "Job", "product": "Product",
                "Value #B": "First seen", "Value #C": "Last run", "Value #D": "Last success", "Value #E": "Grace"},
        overrides=[unit_override("First seen|Last run|Last success", "dateTimeAsIso"),
                   unit_override("Grace", "s")],
        h=6)
    b.row("History")
    b.state_timeline("Status", "vigil:job_status:code{" + TCDJ + "}", "{{device}} / {{backup_job}}", STATUS_MAPPINGS, h=6)
    b.timeseries("Age of last success vs grace", [
        q("vigil_job_since_last_success_seconds{" + TCDJ + "}", "age {{backup_job}}"),
        q("vigil_job_grace_seconds{" + TCDJ + "}", "grace {{backup_job}}"),
    ], unit="s")
    b.timeseries("Runs by result", [q("sum by (result) (increase(vigil_job_runs_total{" + TCDJ + "}[$__rate_interval]))",
                                      "{{result}}")], bars=True, stacked=True)
    b.timeseries("Duration of the newest run", [q("vigil_job_last_run_duration_seconds{" + TCDJ + "}", "{{backup_job}}")],
                 unit="s")
    b.timeseries("Bytes of the newest run", [q("vigil_job_last_run_bytes{" + TCDJ + "}", "{{backup_job}}")], unit="bytes")
    b.timeseries("Files of the newest run", [q("vigil_job_last_run_files{" + TCDJ + "}", "{{backup_job}}")])
    b.timeseries("Errors and warnings of the newest run", [
        q("vigil_job_last_run_errors{" + TCDJ + "}", "errors {{backup_job}}"),
        q("vigil_job_last_run_warnings{" + TCDJ + "}", "warnings {{backup_job}}"),
    ])
    return b


# ----------------------------------------------------------------------------- 4 Image chains
def chains():
    folder_var = query_var("folder", "Machine (managed folder)",
                           "label_values(vigil_chain_depth{" + TC + "}, folder)")
    b = Board("vigil-chains", "Vigil / Image chains",
              "Image chains from the connectors: depth, usage / retention / quota, newest image age, broken chains, "
              "integrity (unverified images, failed verification), unmanaged folders, unparseable files. The folder variable is the managed folder (one per protected machine).",
              extra_vars=[connector_var()], device_var=folder_var, time_from="now-7d")
    C = TC + ',connector=~"$connector",folder=~"$folder"'
    b.row("Summary")
    b.stat("Chains", "count(vigil_chain_depth{" + C + "})", th=thresholds("blue"))
    b.stat("Broken chains", "sum(vigil_chain_broken{" + C + "})", th=thresholds("green", (1, "red")))
    b.stat("Images overdue", "sum(vigil:chain_newest_image_age_seconds{" + C + "} > bool vigil_chain_grace_seconds{" + C + "})",
           th=thresholds("green", (1, "red")),
           description="Volumes whose newest image is older than their grace (monitoring priority).")
    b.stat("Unmanaged folders", 'sum(vigil_folder_unmanaged{' + TC + ',connector=~"$connector"})',
           th=thresholds("green", (1, "orange")))
    b.stat("Connectors down", 'sum(1 - vigil_connector_up{' + T + ',connector=~"$connector"})',
           th=thresholds("green", (1, "red")))
    b.stat("Deepest chain", "max(vigil_chain_depth{" + C + "})", th=thresholds("green", (200, "orange"), (250, "red")))
    b.stat("Unverified images", "sum(vigil_chain_unverified_images{" + C + "})", th=thresholds("green", (1, "orange")),
           description="Image files without their .md5 file; ImageManager treats them as corrupt.")
    b.stat("Verification failed", "sum(vigil_chain_verification_failed{" + C + "})", th=thresholds("green", (1, "red")),
           description="Chains with a bad.log: ImageManager's verification found a corrupt image.")
    b.stat("Unparseable files", 'sum(vigil_connector_unparseable_files{' + T + ',connector=~"$connector"})',
           th=thresholds("green", (1, "blue")),
           description="Files in the repositories that are neither images nor their companion files, so not monitored.")
    b.table("Chains", [
        q("vigil_chain_depth{" + C + "}"),
        q("vigil:chain_newest_image_age_seconds{" + C + "}"),
        q("vigil_chain_grace_seconds{" + C + "}"),
        q("vigil_chain_usage_bytes{" + C + "}"),
        q("vigil_chain_retention_bytes{" + C + "}"),
        q("vigil_chain_broken{" + C + "}"),
        q("vigil_chain_unverified_images{" + C + "}"),
        q("vigil_chain_verification_failed{" + C + "}"),
    ], columns={"customer": "Customer", "connector": "Connector", "folder": "Folder", "volume": "Volume",
                "Value #A": "Depth", "Value #B": "Newest image age", "Value #C": "Grace", "Value #D": "Usage",
                "Value #E": "Retention", "Value #F": "Broken", "Value #G": "Unverified images",
                "Value #H": "Verification failed"},
        overrides=[unit_override("Newest image age|Grace", "s"),
                   unit_override("Usage|Retention", "bytes")],
        h=10)
    b.row("Storage")
    b.timeseries("Usage, retention and quota per customer", [
        q("sum by (customer) (vigil_chain_usage_bytes{" + C + "})", "usage {{customer}}"),
        q("sum by (customer) (vigil_chain_retention_bytes{" + C + "})", "retention {{customer}}"),
        q("max by (customer) (vigil_customer_quota_bytes{" + TC + "})", "quota {{customer}}"),
    ], unit="bytes")
    b.panel("bargauge", "Quota used per customer", [q("vigil:customer_quota_used:ratio{" + TC + "}", "{{customer}}", instant=True)],
            w=12, h=8, unit="percentunit", th=thresholds("green", (0.8, "orange"), (0.9, "red")), no_value="no quota configured",
            options={"orientation": "horizontal", "displayMode": "gradient",
                     "reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False}})
    b.timeseries("Repository free space and 3-day forecast", [
        q('vigil_repository_free_bytes{' + T + ',connector=~"$connector"}', "free {{connector}}"),
        q('predict_linear(vigil_repository_free_bytes{' + T + ',connector=~"$connector"}[6h], 3 * 86400)',
          "in 3 days {{connector}}"),
        q('vigil_repository_size_bytes{' + T + ',connector=~"$connector"}', "size {{connector}}"),
    ], unit="bytes")
    b.panel("bargauge", "Repository free", [q('vigil:repository_free:ratio{' + T + ',connector=~"$connector"}',
                                               "{{connector}}", instant=True)],
            w=12, h=8, unit="percentunit", th=thresholds("red", (0.1, "orange"), (0.2, "green")),
            options={"orientation": "horizontal", "displayMode": "gradient",
                     "reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False}})
    b.row("Chains over time")
    b.timeseries("Depth", [q("vigil_chain_depth{" + C + "}", "{{folder}} {{volume}}")])
    b.timeseries("Images by kind", [q("sum by (kind) (vigil_chain_images{" + C + "})", "{{kind}}")], stacked=True)
    b.timeseries("Newest image age", [q("time() - vigil_chain_newest_image_timestamp_seconds{" + C + "}",
                                        "{{folder}} {{volume}}")], unit="s")
    b.row("Problems")
    b.table("Broken chains", [q("vigil_chain_broken{" + C + "}")], filter_value=("Value", "equal", 1),
            columns={"customer": "Customer", "connector": "Connector", "folder": "Folder", "volume": "Volume"}, w=12)
    b.table("Unmanaged folders", [q('vigil_folder_unmanaged{' + TC + ',connector=~"$connector"}')],
            filter_value=("Value", "equal", 1),
            columns={"customer": "Customer", "connector": "Connector", "folder": "Folder"}, w=12,
            description="Folders that match the folder template but are not managed.")
    b.table("Unverified images", [q("vigil_chain_unverified_images{" + C + "}")], filter_value=("Value", "greater", 0),
            columns={"customer": "Customer", "connector": "Connector", "folder": "Folder", "volume": "Volume",
                     "Value": "Images without .md5"}, w=12,
            description="Chains with image files that have no .md5 file (ImageManager treats them as corrupt).")
    b.table("Verification failed", [q("vigil_chain_verification_failed{" + C + "}")], filter_value=("Value", "equal", 1),
            columns={"customer": "Customer", "connector": "Connector", "folder": "Folder", "volume": "Volume"}, w=12,
            description="Chains with a bad.log: ImageManager's verification found a corrupt image.")
    # The 0 per connector keeps the query answering when no connector reports unparseable files; the filter hides it.
    b.table("Unparseable files", [q('vigil_connector_unparseable_files{' + T + ',connector=~"$connector"}'
                                    ' or on (tenant, connector) 0 * vigil_connector_up{' + T + ',connector=~"$connector"}')],
            filter_value=("Value", "greater", 0),
            columns={"tenant": "Tenant", "connector": "Connector", "folder": "Place", "Value": "Files"}, w=12,
            description="Files that are neither images nor their companion files, per place: CUSTOMER/FOLDER, a customer, "
                        "or empty for the repository root; beyond 500 places per connector the rest are in (other).")
    b.row("Connectors")
    b.table("Connector polls", [
        q('vigil_connector_up{' + T + ',connector=~"$connector"}'),
        q('time() - vigil_connector_last_poll_timestamp_seconds{' + T + ',connector=~"$connector"}'),
        q('vigil_connector_poll_duration_seconds{' + T + ',connector=~"$connector"}'),
    ], columns={"tenant": "Tenant", "connector": "Connector", "Value #A": "State", "Value #B": "Since last poll",
                "Value #C": "Poll duration"},
        overrides=[up_state_override(),
            unit_override("Since last poll|Poll duration", "s")],
        w=12)
    b.timeseries("Poll duration", [q('vigil_connector_poll_duration_seconds{' + T + ',connector=~"$connector"}',
                                     "{{connector}}")], unit="s")
    return b


# ----------------------------------------------------------------------------- 5 Site health
def site():
    b = Board("vigil-site-health", "Vigil / Site health", "Heartbeat freshness and active errors of site servers.",
              time_from="now-24h")
    b.row("Now")
    b.stat("Devices", "count(vigil_device_up{" + TCD + "})", th=thresholds("blue"))
    b.stat("Unavailable", "sum(1 - vigil_device_up{" + TCD + "})", th=thresholds("green", (1, "red")))
    b.stat("Active errors", "sum(vigil_device_error_active{" + TCD + "})", th=thresholds("green", (1, "red")))
    b.stat("Oldest heartbeat", "max(vigil_device_since_last_heartbeat_seconds{" + TCD + "})", unit="s",
           th=thresholds("green"))
    b.table("Active errors (only devices in error)", [q("vigil_device_error_active{" + TCD + "} == 1")],
            columns={"tenant": "Tenant", "customer": "Customer", "device": "Device", "error": "Error"}, w=8, h=4)
    b.table("Heartbeat freshness", [
        q("vigil_device_up{" + TCD + "}"),
        q("vigil_device_since_last_heartbeat_seconds{" + TCD + "}"),
        q("vigil_device_heartbeat_interval_seconds{" + TCD + "}"),
        q("vigil_device_since_last_heartbeat_seconds{" + TCD + "} / vigil_device_heartbeat_interval_seconds{" + TCD + "}"),
        q("vigil_device_last_heartbeat_timestamp_seconds{" + TCD + "} * 1000"),
    ], columns={"tenant": "Tenant", "customer": "Customer", "device": "Device", "Value #A": "State",
                "Value #B": "Since last heartbeat", "Value #C": "Interval", "Value #D": "Intervals missed",
                "Value #E": "Last heartbeat"},
        overrides=[up_state_override(),
            unit_override("Since last heartbeat|Interval", "s"),
            {"matcher": {"id": "byName", "options": "Intervals missed"}, "properties": [
                {"id": "decimals", "value": 1},
                {"id": "thresholds", "value": thresholds("green", (2, "orange"), (3, "red"))},
                {"id": "custom.cellOptions", "value": {"type": "color-text"}}]},
            unit_override("Last heartbeat", "dateTimeAsIso")],
        h=10)
    b.row("History")
    b.state_timeline("Availability", "vigil_device_up{" + TCD + "}", "{{customer}} / {{device}}", UP_MAPPINGS)
    b.timeseries("Heartbeat intervals since the last heartbeat (3 = unavailable)", [
        q("vigil_device_since_last_heartbeat_seconds{" + TCD + "} / vigil_device_heartbeat_interval_seconds{" + TCD + "}",
          "{{customer}} / {{device}}")],
        th=thresholds("green", (2, "orange"), (3, "red")), decimals=1)
    b.timeseries("Active errors by type", [q("sum by (error) (vigil_device_error_active{" + TCD + "})", "{{error}}")],
                 stacked=True)
    b.table("Device inventory", [q("vigil_device_info{" + TCD + "}")],
            columns={"tenant": "Tenant", "customer": "Customer", "device": "Device", "product": "Product",
                     "version": "Version"})
    return b


# ----------------------------------------------------------------------------- 6 Exporter self-monitoring
def exporter():
    b = Board("vigil-exporter", "Vigil / Exporter", "The exporter itself: push API, scrapes, JVM, series per tenant.",
              time_from="now-6h")
    E = 'job=~"vigil.*"'
    b.row("Exporter")
    b.stat("Targets up", "avg(up{" + E + "})", unit="percentunit", th=thresholds("red", (1, "green")),
           description="Share of the Vigil scrape targets Prometheus reaches; red as soon as one is down.")
    b.table("Build", [q("vigil_build_info")], columns={"instance": "Instance", "version": "Version"}, w=8, h=4)
    b.stat("Scrape duration", "max(scrape_duration_seconds{" + E + "})", unit="s", th=thresholds("green", (5, "orange")))
    b.stat("Samples per scrape", "sum(scrape_samples_scraped{" + E + "})", th=thresholds("blue"))
    b.stat("Tenants", "count(vigil_tenant_info{" + T + "})", th=thresholds("blue"))
    b.row("Push API")
    b.timeseries("Push requests by result", [
        q("sum by (result) (rate(vigil_push_requests_total[$__rate_interval]))", "{{result}}")], unit="reqps", stacked=True)
    b.timeseries("Push requests by kind", [
        q("sum by (kind) (rate(vigil_push_requests_total[$__rate_interval]))", "{{kind}}")], unit="reqps", stacked=True)
    b.row("Scrapes")
    b.timeseries("Scrape duration", [q("scrape_duration_seconds{" + E + "}", "{{instance}}")], unit="s")
    b.timeseries("Samples per scrape", [q("scrape_samples_scraped{" + E + "}", "{{instance}}")])
    b.row("Series per tenant and customer")
    b.table("Series per tenant", [q('count by (tenant) ({__name__=~"vigil_.+",' + T + '})')],
            columns={"tenant": "Tenant", "Value": "Series"}, w=8)
    b.table("Series per customer", [q('count by (tenant, customer) ({__name__=~"vigil_.+",' + TC + '})')],
            columns={"tenant": "Tenant", "customer": "Customer", "Value": "Series"}, w=8)
    b.table("Series per device", [q('count by (tenant, customer, device) ({__name__=~"vigil_.+",' + TCD + '})')],
            columns={"tenant": "Tenant", "customer": "Customer", "device": "Device", "Value": "Series"}, w=8)
    b.row("JVM")
    b.timeseries("JVM memory used", [q("sum by (area) (jvm_memory_used_bytes{" + E + "})", "{{area}}")], unit="bytes")
    b.timeseries("JVM threads", [q("jvm_threads_current{" + E + "}", "{{instance}}")])
    b.timeseries("GC time", [q("sum by (gc) (rate(jvm_gc_collection_seconds_sum{" + E + "}[$__rate_interval]))", "{{gc}}")],
                 unit="percentunit")
    b.timeseries("Process CPU", [q("rate(process_cpu_seconds_total{" + E + "}[$__rate_interval])", "{{instance}}")],
                 unit="percentunit")
    return b


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    boards = [("01-noc-overview.json", noc()), ("02-customer.json", customer()), ("03-job.json", job()),
              ("04-image-chains.json", chains()), ("05-site-health.json", site()), ("06-exporter.json", exporter())]
    for name, board in boards:
        with open(os.path.join(here, name), "w") as f:
            json.dump(board.json(), f, indent=2)
            f.write("\n")
        print("wrote", name, len(board.panels), "panels")


if __name__ == "__main__":
    main()
