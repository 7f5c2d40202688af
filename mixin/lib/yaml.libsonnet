// A YAML writer for rule files that reads like a hand-written one: Prometheus' key order (name, rules, alert/record,
// expr, for, ...), multi-line expressions as literal blocks, other strings single-quoted, a blank line between groups and between alerts.
// (std.manifestYamlDoc of jsonnet 0.18 sorts keys and writes every multi-line string as one quoted line.)
local keyOrder = ['apiVersion', 'kind', 'metadata', 'spec', 'name', 'namespace', 'interval', 'rules', 'alert', 'record', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations', 'summary', 'description', 'runbook_url', 'dashboard_url'];
local set(chars) = { [ch]: true for ch in std.stringChars(chars) };
local letters = set('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
local plainChars = set('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-');
local keyChars = set('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./');
local only(chars, s) = std.length([ch for ch in std.stringChars(s) if !std.objectHas(chars, ch)]) == 0;
// A short string YAML reads back as the same string without quotes: a name like vigil-jobs or vigil:job_status:code.
local plainString(v) = std.length(v) > 0 && std.length(v) <= 64 && std.objectHas(letters, v[0]) && !std.endsWith(v, ':')
  && only(plainChars, v) && !std.member(['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n'], std.asciiLower(v));
local plainKey(k) = std.length(k) > 0 && std.length(k) <= 64 && only(keyChars, k);
{
  local y = self,
  fields(o):: [k for k in keyOrder if std.objectHas(o, k)] + [k for k in std.objectFields(o) if !std.member(keyOrder, k)],
  key(k):: if plainKey(k) then k else "'" + std.strReplace(k, "'", "''") + "'",
  scalar(v, indent)::
    if std.type(v) == 'string' then
      if std.length(std.split(v, '\n')) > 1 then
        assert !std.endsWith(v, '\n\n') : 'a literal block keeps one trailing newline';
        local body = if std.endsWith(v, '\n') then std.substr(v, 0, std.length(v) - 1) else v;
        (if std.endsWith(v, '\n') then '|' else '|-')
        + std.join('', ['\n' + (if l == '' then '' else indent + l) for l in std.split(body, '\n')])
      else if plainString(v) then v
      else "'" + std.strReplace(v, "'", "''") + "'"
    else if v == null then 'null'
    else std.toString(v),
  value(v, indent)::
    if std.type(v) == 'object' && std.length(v) > 0 then ':\n' + y.block(v, indent + '  ')
    else if std.type(v) == 'array' && std.length(v) > 0 then ':\n' + y.block(v, indent + '  ')
    else if std.type(v) == 'object' then ': {}'
    else if std.type(v) == 'array' then ': []'
    else ': ' + y.scalar(v, indent + '  '),
  // Lines of an object or array at this indent; the first line starts with `first` instead (an array item's '- ').
  block(v, indent, first=indent)::
    if std.type(v) == 'object' then
      local keys = y.fields(v);
      std.join('\n', [(if i == 0 then first else indent) + y.key(keys[i]) + y.value(v[keys[i]], indent) for i in std.range(0, std.length(keys) - 1)])
    else
      local sep = if std.length(v) > 0 && std.type(v[0]) == 'object' && (std.objectHas(v[0], 'alert') || std.objectHas(v[0], 'rules')) then '\n\n' else '\n';
      std.join(sep, [
        local lead = (if i == 0 then first else indent) + '- ';
        if std.type(v[i]) == 'object' || std.type(v[i]) == 'array' then y.block(v[i], indent + '  ', lead)
        else lead + y.scalar(v[i], indent + '  ')
        for i in std.range(0, std.length(v) - 1)
      ]),
  manifest(v):: y.block(v, '') + '\n',
}
