// One settings audit row as migrations 004 and 005 store it, for the migration tests.
export const sampleAuditEntry = {
  at: '2026-11-23T09:00:00.000+07:00',
  actor_role: 'it-admin',
  actor_officer_id: null,
  actor_name: 'Cán bộ CNTT',
  via: 'setup-screen',
  key: 'officeName',
  old_value: '"Bộ phận Một cửa"',
  new_value: '"UBND xã Tân Phú"',
};

export const insertAuditEntrySql = `INSERT INTO settings_audit (at, actor_role, actor_officer_id, actor_name, via, key, old_value, new_value)
  VALUES (@at, @actor_role, @actor_officer_id, @actor_name, @via, @key, @old_value, @new_value)`;
