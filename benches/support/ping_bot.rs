//! The floor the benchmarks compare skillbot with: a bare poise bot that
//! answers /ping, built the same way (rate limiter off, pointed at the
//! fake by DISCORD_API_BASE, registered in DISCORD_GUILD_ID).

/// Runs the bot until its process is stopped.
pub fn run(token: &'static str) {
    use poise::serenity_prelude as serenity;
    type Error = Box<dyn std::error::Error + Send + Sync>;
    type Context<'a> = poise::Context<'a, (), Error>;

    /// Answers pong
    #[poise::command(slash_command)]
    async fn ping(ctx: Context<'_>) -> Result<(), Error> {
        ctx.say("pong").await?;
        Ok(())
    }

    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let base = std::env::var("DISCORD_API_BASE").unwrap();
        let guild =
            serenity::GuildId::new(std::env::var("DISCORD_GUILD_ID").unwrap().parse().unwrap());
        let framework = poise::Framework::builder()
            .options(poise::FrameworkOptions {
                commands: vec![ping()],
                ..Default::default()
            })
            .initialize_owners(false)
            .setup(move |ctx, _ready, framework| {
                Box::pin(async move {
                    poise::builtins::register_in_guild(ctx, &framework.options().commands, guild)
                        .await?;
                    Ok(())
                })
            })
            .build();
        let http = serenity::HttpBuilder::new(token)
            .proxy(base)
            .ratelimiter_disabled(true)
            .build();
        let mut client =
            serenity::ClientBuilder::new_with_http(http, serenity::GatewayIntents::GUILDS)
                .framework(framework)
                .await
                .unwrap();
        let _ = client.start().await;
    });
}
