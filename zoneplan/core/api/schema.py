"""Schema post-processing: the error answers every operation can give, documented once for all of them."""

ERROR_BODY = {"type": "object", "additionalProperties": True, "description": "`detail`, or field messages."}
COMMON_ERRORS = {
    "400": "Invalid input or filter; field messages in the body.",
    "401": "Not signed in.",
    "403": "Your role or unit does not allow this.",
    "404": "No such object among those you can see (or no such page).",
    "429": "Too many requests; try again later.",
}


def document_common_errors(result, generator, request, public):
    """Add the common error answers to every operation that does not document them itself."""
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            for code, description in COMMON_ERRORS.items():
                responses.setdefault(
                    code,
                    {"description": description, "content": {"application/json": {"schema": ERROR_BODY}}},
                )
    return result
