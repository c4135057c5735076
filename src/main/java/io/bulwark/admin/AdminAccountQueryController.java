package io.bulwark.admin;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admin: look up accounts by name, and one account with its money, positions, orders and keys (SPEC 12 v2). */
@RestController
@RequestMapping("/api/v1/admin/accounts")
class AdminAccountQueryController {
    private final AccountSearch search;
    private final AccountLookup lookup;

    AdminAccountQueryController(AccountSearch search, AccountLookup lookup) {
        this.search = search;
        this.lookup = lookup;
    }

    @GetMapping
    List<AccountSummaryResponse> find(
            @RequestParam(required = false) String name,
            @RequestParam(defaultValue = "" + AccountSearch.DEFAULT_LIMIT) @Min(1) @Max(AccountSearch.MAX_LIMIT)
                    int limit,
            @RequestParam(required = false) String before) {
        return search.find(name, limit, before);
    }

    @GetMapping("/{accountId}")
    AccountDetailResponse account(@PathVariable String accountId) {
        return lookup.detail(accountId);
    }
}
