-- GET/DELETE /api/v1/orders/by-client-id/{clientOrderId} on a finished order reads the account's newest order
-- with that client order id from the read model (OrderRowRepository.findFirstByAccountIdAndClientOrderId-
-- OrderByOrderIdDesc): without this index it scanned every order of the account.
CREATE INDEX orders_account_client_order_id ON orders (account_id, client_order_id, order_id DESC);
