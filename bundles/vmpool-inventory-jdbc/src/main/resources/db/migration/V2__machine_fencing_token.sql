-- The highest lock fencing token that acted on each machine (InventoryStore.advanceFence).
ALTER TABLE machine ADD COLUMN fence_token BIGINT DEFAULT 0 NOT NULL;
