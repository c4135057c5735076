-- The epoch becomes a key of writer_lease. Journal transactions check it FOR KEY SHARE: a takeover's
-- `UPDATE ... SET epoch = epoch + 1` changes a key, so it locks the row FOR UPDATE and waits for every
-- journal transaction in flight (fencing, as before), while the heartbeat's `UPDATE ... SET heartbeat_at`
-- changes no key and never waits for one. With pipelined commits two journal transactions overlap, and a
-- FOR SHARE check (which the heartbeat's UPDATE had to wait for) could keep the heartbeat waiting under
-- sustained load. One row (id = 1), so the index holds trivially.
CREATE UNIQUE INDEX writer_lease_epoch_key ON writer_lease (epoch);
