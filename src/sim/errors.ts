// OCI's error contract: a status, a JSON body `{code, message}`, and the opc-request-id header.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const invalidParameter = (message: string) => new ApiError(400, 'InvalidParameter', message);
export const missingParameter = (name: string) => new ApiError(400, 'MissingParameter', `Missing required parameter: ${name}`);
export const notFound = (what = 'Authorization failed or requested resource not found.') =>
  new ApiError(404, 'NotAuthorizedOrNotFound', what);
export const notAuthenticated = (why: string) => new ApiError(401, 'NotAuthenticated', `The required information to complete authentication was not provided or was incorrect. ${why}`);
export const tooManyRequests = () => new ApiError(429, 'TooManyRequests', 'Too many requests for the user');
export const internalError = () => new ApiError(500, 'InternalServerError', 'Internal Server Error (simulated)');
export const serviceUnavailable = () => new ApiError(503, 'ServiceUnavailable', 'Service unavailable (simulated)');
