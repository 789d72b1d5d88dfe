// account_freeze.h: a frozen account (账号冻结) and the operations it still allows (seed 4.2.6;
// docs/rules.md §3).
//
//   if (std::optional<Refusal> r = AccountFreezeRefusal(ws, AccountOperation::Release)) refuse(*r);
//
// The account's freeze is `account.frozen_reason` in the file (arrears 欠费冻结 | violation 违规冻结 |
// police 公安冻结; absent = not frozen). Seed 4.2.6: "若账号因违规被公安冻结，则该账号下的所有资源不允许
// 释放或删除" — an account frozen by the police accepts no operation at all: no renewal, no policy
// change, no unified expiry day, no payment or cancellation, no unsubscription, no release, and no
// auto-renew charge; every engine operation (CLI and console alike) asks this function first and is
// refused with "account_police_frozen". "若账号因欠费冻结或违规冻结，该账号下的资源仍允许释放或删除" — an
// account frozen for arrears or a violation still releases its resources; the seed names no other
// operation it blocks, so nothing else is refused for it either.
#pragma once

#include <optional>

#include "core/model/refusal.h"
#include "core/model/workspace.h"

namespace qd {

enum class AccountOperation {
    Release,  // 释放资源: allowed under arrears / violation freezes
    Other,    // every other operation (renew, policy, pay, cancel, unsubscribe, auto-renew charge...)
};

// "account_police_frozen" (subject "") when the account is frozen by the police; nullopt otherwise.
std::optional<Refusal> AccountFreezeRefusal(const Workspace& ws, AccountOperation op);

}  // namespace qd
