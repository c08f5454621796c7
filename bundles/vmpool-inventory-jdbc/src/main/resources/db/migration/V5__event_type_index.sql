-- InventoryStore.subjectsWithEvents(type) (since API 1.4): the subjects that have events of one type, read
-- at a start by services that keep their state as events (the health policy's host.state, docs/health.md).
CREATE INDEX event_type_subject ON event (type, subject);
