/** What the console's route modules are given to answer a request with a page. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Edition } from '../../policies';

/** Renders a console page with the common context. */
export type PageFn = (request: FastifyRequest, reply: FastifyReply, template: string, data?: Record<string, unknown>, status?: number) => Promise<FastifyReply>;
/** The edition a query names, or the newest published one. */
export type EditionOfFn = (value: string | undefined) => Edition | undefined;
/** Logs a security event: what, from where, by whom, on which path (web/console/server.ts, docs/console.md "Security"). */
export type SecurityFn = (request: FastifyRequest, event: string, message: string, fields?: Record<string, unknown>, level?: 'info' | 'warn' | 'error') => void;
