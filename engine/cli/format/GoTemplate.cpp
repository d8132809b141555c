// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/format/GoTemplate.h"

#include "engine/cli/format/TemplateAst.h"
#include "engine/cli/format/TemplateExec.h"
#include "engine/cli/format/TemplateFuncs.h"
#include "engine/cli/format/TemplateParser.h"

namespace strata::engine::cli {

GoTemplate::GoTemplate(std::shared_ptr<const std::string> text, std::shared_ptr<const tmpl::ListNode> root)
    : m_text(std::move(text))
    , m_root(std::move(root))
{
}

GoTemplate GoTemplate::parse(std::string_view text)
{
    auto owned = std::make_shared<const std::string>(text);
    std::shared_ptr<const tmpl::ListNode> root = tmpl::parse(*owned, tmpl::isFunctionName);
    return GoTemplate(std::move(owned), std::move(root));
}

std::string GoTemplate::execute(const nlohmann::ordered_json &data, const TemplateOptions &options) const
{
    std::string out;
    executeInto(out, data, options);
    return out;
}

void GoTemplate::executeInto(std::string &out, const nlohmann::ordered_json &data, const TemplateOptions &options) const
{
    tmpl::execute(*m_root, *m_text, data, options, out);
}

} // namespace strata::engine::cli
