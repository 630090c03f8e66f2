/**
 * The waiting-room screen's socket.io namespace, without zod: the screen's
 * bundle imports this value, and only types from shared/api/public-screen.ts.
 */
export const SCREEN_NAMESPACE = '/screen';
