// The request body size cap for JSON writes, refused (413) before anything is parsed.
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "./errors";
import { MAX_BODY_BYTES } from "./validate";

export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError(413, "payload_too_large", `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);
  },
});
