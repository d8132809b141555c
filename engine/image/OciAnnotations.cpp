// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/OciAnnotations.h"

#include "engine/image/Reference.h"

namespace strata::engine::image {
namespace {

std::string annotation(const std::map<std::string, std::string> &a, std::string_view key)
{
    auto it = a.find(std::string(key));
    return it == a.end() ? std::string() : it->second;
}

} // namespace

std::optional<std::string> imageNameFromAnnotations(const std::map<std::string, std::string> &annotations)
{
    std::string name = annotation(annotations, kAnnotationImageName);
    if (name.empty()) {
        name = annotation(annotations, kAnnotationRefName);
        // A bare tag has neither: it cannot name a repository.
        if (name.find_first_of("/:") == std::string::npos)
            return std::nullopt;
    }
    if (name.empty() || name.find('@') != std::string::npos)
        return std::nullopt;
    return name;
}

std::map<std::string, std::string> annotationsForTag(const std::string &familiarRepoTag)
{
    const Reference r = Reference::parse(familiarRepoTag);
    return {{std::string(kAnnotationImageName), r.normalisedStr()}, {std::string(kAnnotationRefName), r.tag}};
}

} // namespace strata::engine::image
