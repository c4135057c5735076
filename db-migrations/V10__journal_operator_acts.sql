-- The operator's audit trail (GET /api/v1/admin/audit) pages through admin, oracle-administration and system
-- acts, newest first. They are a sliver of a journal full of orders and prices: this index holds only the rows
-- that can be such acts (io.bulwark.admin.OperatorActs names the excluded command types, in this order), so a
-- page never scans the trading rows. The audit query repeats this predicate word for word.
CREATE INDEX journal_operator_acts ON journal (sequence)
    WHERE command_type NOT IN ('PlaceOrder', 'CancelOrder', 'AmendOrder', 'ArmCancelAfter', 'Withdraw', 'PostOraclePrices')
      AND actor <> 'system:clock';
