// account_freeze.cpp: what a frozen account still allows (account_freeze.h).
#include "core/engine/account_freeze.h"

namespace qd {

std::optional<Refusal> AccountFreezeRefusal(const Workspace& ws, AccountOperation op)
{
    // seed 4.2.6: a police freeze of the account blocks every operation; arrears / violation ones do not
    // block release (nor anything else the seed names).
    (void)op;
    if (ws.account.frozen_reason != FrozenReason::Police) return std::nullopt;
    return Refusal{"account_police_frozen", "",
                   "the account is frozen by the police (账号被公安冻结): no operation is allowed on its resources or "
                   "orders"};
}

}  // namespace qd
