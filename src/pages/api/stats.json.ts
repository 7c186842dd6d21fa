import type { APIRoute } from 'astro';
import { getStats } from '../../data/index';

export const GET: APIRoute = async () => Response.json(await getStats());
